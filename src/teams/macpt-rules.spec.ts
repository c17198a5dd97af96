import { CORE_STATUTORY_ROLES, StatutoryRole } from 'src/access/roles';
import { macptStatus } from './macpt-rules';

const m = (...roles: (StatutoryRole | null)[]) => roles.map((statutoryRole) => ({ statutoryRole }));

describe('macptStatus: constituted when social worker, police, health and education are all present', () => {
  it('constituted with the four core roles (and any additional members)', () => {
    expect(macptStatus(m('social_worker', 'police', 'health', 'education', 'additional'))).toEqual({
      status: 'constituted',
      missing: [],
    });
  });
  it.each(CORE_STATUTORY_ROLES)('incomplete without %s, naming it', (role) => {
    const rest = CORE_STATUTORY_ROLES.filter((r) => r !== role);
    expect(macptStatus(m(...rest, 'additional', null))).toEqual({
      status: 'incomplete',
      missing: [role],
    });
  });
  it('an empty team is missing all four, in order', () => {
    expect(macptStatus([]).missing).toEqual(['social_worker', 'police', 'health', 'education']);
  });
});
