import { rowsFor } from './denial-rows';

const entry = {
  action: 'case.read',
  outcome: 'denied' as const,
  reason: 'not visible',
  metadata: { permission: 'case.read' },
};
const record = (la: string | null) => ({
  recordType: 'case',
  recordId: 'c1',
  localAuthorityId: la,
  childIds: la ? ['k1', 'k2'] : [],
});

describe('rowsFor (the rows of one denial)', () => {
  it("a record of the caller's LA: one row there, with its children", () => {
    expect(rowsFor('A', entry, record('A'))).toEqual([
      expect.objectContaining({ localAuthorityId: 'A', recordId: 'c1', childIds: ['k1', 'k2'] }),
    ]);
  });

  it("another LA's record: a full row in that LA, and a bare row in the caller's", () => {
    expect(rowsFor('B', entry, record('A'))).toEqual([
      expect.objectContaining({
        localAuthorityId: 'A',
        childIds: ['k1', 'k2'],
        metadata: { permission: 'case.read', crossTenant: true, actorLocalAuthorityId: 'B' },
      }),
      expect.objectContaining({
        localAuthorityId: 'B',
        recordId: 'c1',
        childIds: [],
        metadata: { permission: 'case.read' },
      }),
    ]);
  });

  it("the caller's row for another LA's record equals the row for an id that exists nowhere", () => {
    const [, bare] = rowsFor('B', entry, record('A'));
    expect(rowsFor('B', entry, record(null))).toEqual([bare]);
  });

  it("the platform admin (no LA): the row goes to the record's LA", () => {
    expect(rowsFor(null, entry, record('A'))).toEqual([
      expect.objectContaining({ localAuthorityId: 'A', childIds: ['k1', 'k2'] }),
    ]);
  });

  it("no record: one bare row in the caller's LA", () => {
    expect(rowsFor('B', entry, null)).toEqual([
      expect.objectContaining({ localAuthorityId: 'B', recordId: null, childIds: [] }),
    ]);
  });
});
