import type { Actor } from 'src/access/actor';
import { rowsFor } from './denial-trail.service';

const actor = (la: string | null): Actor => ({
  kind: 'user',
  id: 'u1',
  name: 'U',
  roles: [],
  scopes: [],
  localAuthorityId: la,
  agency: null,
});
const base = { action: 'case.read', outcome: 'denied' as const, reason: 'not visible' };
const meta = { permission: 'case.read' };
const record = (la: string | null) => ({
  recordType: 'case',
  recordId: 'c1',
  localAuthorityId: la,
  childIds: la ? ['k1', 'k2'] : [],
});

describe('rowsFor (denial rows)', () => {
  it('a record of the caller’s LA: one row there, with its children', () => {
    expect(rowsFor(actor('A'), base, meta, record('A'))).toEqual([
      expect.objectContaining({ localAuthorityId: 'A', recordId: 'c1', childIds: ['k1', 'k2'] }),
    ]);
  });

  it('another LA’s record: a full row in that LA, and a bare row in the caller’s', () => {
    const rows = rowsFor(actor('B'), base, meta, record('A'));
    expect(rows).toEqual([
      expect.objectContaining({
        localAuthorityId: 'A',
        childIds: ['k1', 'k2'],
        metadata: { ...meta, crossTenant: true, actorLocalAuthorityId: 'B' },
      }),
      expect.objectContaining({
        localAuthorityId: 'B',
        recordId: 'c1',
        childIds: [],
        metadata: meta,
      }),
    ]);
  });

  it('the caller’s row for another LA’s record equals the row for an id that exists nowhere', () => {
    const [, bare] = rowsFor(actor('B'), base, meta, record('A'));
    expect(rowsFor(actor('B'), base, meta, record(null))).toEqual([bare]);
  });

  it('the platform admin (no LA): the row goes to the record’s LA', () => {
    expect(rowsFor(actor(null), base, meta, record('A'))).toEqual([
      expect.objectContaining({ localAuthorityId: 'A', childIds: ['k1', 'k2'] }),
    ]);
  });

  it('no record: one bare row in the caller’s LA', () => {
    expect(rowsFor(actor('B'), base, meta, null)).toEqual([
      expect.objectContaining({ localAuthorityId: 'B', recordId: null, childIds: [] }),
    ]);
  });
});
