import type { Actor } from 'src/access/actor';
import type { AccessService } from 'src/access/access.service';
import { RECORD_KIND_REGISTRY } from 'src/record-kinds';
import type { DataSource } from 'typeorm';
import { ReplayAccess, UnresolvedReplayRoute } from './replay-access';

/** Replays fail closed: a POST route with path parameters that no record kind owns is never
 * replayed, and one without parameters has nothing more than its role to re-check. */
describe('ReplayAccess: fail closed', () => {
  const calls: string[] = [];
  const access = new Proxy(
    {},
    { get: (_t, name: string) => () => Promise.resolve(void calls.push(name)) },
  ) as unknown as AccessService;
  const replay = new ReplayAccess(
    { manager: {} } as unknown as DataSource,
    access,
    RECORD_KIND_REGISTRY,
  );
  const actor = { kind: 'user', id: 'u', localAuthorityId: 'la' } as Actor;
  const id = '00000000-0000-4000-8000-000000000001';

  it('a route with parameters and no record kind → refused (no replay), the gate never asked', async () => {
    calls.length = 0;
    await expect(
      replay.recheck(actor, 'case.note', '/api/v1/gadgets/:id/polish', { id }),
    ).rejects.toBeInstanceOf(UnresolvedReplayRoute);
    expect(calls).toEqual([]);
  });

  it('a route without parameters (a create) → its role was the whole check', async () => {
    calls.length = 0;
    await expect(replay.recheck(actor, 'case.create', '/api/v1/cases', {})).resolves.toBe(
      undefined,
    );
    expect(calls).toEqual([]);
  });

  it.each([
    ['/api/v1/cases/:id/notes', { id }, 'requireCase'],
    ['/api/v1/cases/:id/notes/:noteId/addenda', { id, noteId: id }, 'requireRecord'],
    ['/api/v1/family-network-plans/:id/end', { id }, 'requireRecordById'],
    ['/api/v1/fgdm-meetings/:id/partners', { id }, 'requireRecordById'],
    ['/api/v1/families/:id/members', { id }, 'requireFamily'],
  ])('%s → the gate is asked again (%s)', async (route, params, method) => {
    calls.length = 0;
    await replay.recheck(actor, 'plan.share', route, params);
    expect(calls).toEqual([method]);
  });
});
