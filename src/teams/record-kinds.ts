/** The record kind of `src/teams`: a team of a local authority. */
import type { TenantKind } from 'src/common/record-kind';

export const TEAM: TenantKind = {
  name: 'team',
  label: 'Team',
  locate: 'tenant',
  routes: ['/api/v1/teams/:id'],
  permissions: ['team.read', 'team.members'],
  table: 'team',
  laColumn: 'local_authority_id',
};
