/**
 * The record-kind registry against the routes: every route in docs/route-permissions.json (the
 * committed snapshot of every route and its permission) resolves through the registry — a
 * route with path parameters to exactly the kind that declares it, with its permission among
 * the kind's, a route without to nothing — and every declaration is used. Pure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  kindOfRoute,
  paramsOf,
  resolveRoute,
  sharedKinds,
  type RecordKindDecl,
} from './common/record-kind';
import { EVENT_TYPES } from './events/event-types';
import { EVENT_KINDS } from './training/scenario-format';
import { RECORD_KIND_REGISTRY } from './record-kinds';

interface RouteEntry {
  method: string;
  path: string;
  permission: string;
}
const ROUTES: RouteEntry[] = JSON.parse(
  readFileSync(join(__dirname, '..', 'docs', 'route-permissions.json'), 'utf8'),
) as RouteEntry[];
const withParams = ROUTES.filter((r) => paramsOf(r.path).length > 0);
const withoutParams = ROUTES.filter((r) => paramsOf(r.path).length === 0);
const sample = (path: string) =>
  Object.fromEntries(paramsOf(path).map((p, i) => [p, `00000000-0000-4000-8000-00000000000${i}`]));

describe('record-kind registry: every route resolves through it', () => {
  it.each(withParams.map((r) => [r.method, r.path, r.permission]))(
    '%s %s (%s) resolves to the kind that declares it, with its permission',
    (_method, path, permission) => {
      const got = resolveRoute(RECORD_KIND_REGISTRY, path, sample(path));
      expect(typeof got).toBe('object');
      const { kind, id } = got as { kind: RecordKindDecl; id: string };
      const names = paramsOf(kindOfRoute(RECORD_KIND_REGISTRY, path)!.template);
      expect(id).toBe(sample(path)[names[names.length - 1]]);
      expect(kind.permissions).toContain(permission);
    },
  );

  it.each(withoutParams.map((r) => [r.method, r.path]))(
    '%s %s names no record',
    (_method, path) => {
      expect(resolveRoute(RECORD_KIND_REGISTRY, path, {})).toBe('none');
    },
  );

  it('a route with parameters that no kind declares is "unknown" (a replay refuses it)', () => {
    expect(resolveRoute(RECORD_KIND_REGISTRY, '/api/v1/gadgets/:id/polish', { id: 'x' })).toBe(
      'unknown',
    );
  });

  it('a note route carries its case: the case id from :id, the note from :noteId', () => {
    const got = resolveRoute(RECORD_KIND_REGISTRY, '/api/v1/cases/:id/notes/:noteId/addenda', {
      id: 'c',
      noteId: 'n',
    });
    expect(got).toMatchObject({ kind: { name: 'case_note' }, id: 'n', caseId: 'c' });
  });

  it.each(RECORD_KIND_REGISTRY.map((k) => [k.name, k]))(
    '%s: each of its route templates is a route, and each of its permissions is used on one',
    (_name, kind) => {
      const k = kind as RecordKindDecl;
      for (const t of k.routes)
        expect(ROUTES.some((r) => r.path === t || r.path.startsWith(`${t}/`))).toBe(true);
      const used = new Set(
        ROUTES.filter((r) => kindOfRoute(RECORD_KIND_REGISTRY, r.path)?.kind === k).map(
          (r) => r.permission,
        ),
      );
      expect([...k.permissions].sort()).toEqual([...used].sort());
    },
  );
});

describe('record-kind registry: events, training events, sharing', () => {
  it('every integration event type is raised by some kind, and no kind names another', () => {
    const declared = new Set(RECORD_KIND_REGISTRY.flatMap((k) => k.events ?? []));
    expect([...declared].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('every training scenario event kind belongs to exactly one record kind', () => {
    for (const e of EVENT_KINDS) {
      const owners = RECORD_KIND_REGISTRY.filter((k) => k.trainingEvents?.includes(e));
      expect([e, owners.map((k) => k.name)]).toEqual([e, [expect.any(String)]]);
    }
    const all = RECORD_KIND_REGISTRY.flatMap((k) => k.trainingEvents ?? []);
    expect(all.filter((e) => !(EVENT_KINDS as readonly string[]).includes(e))).toEqual([]);
  });

  it('partners can be named on the FGDM meetings and the two kinds of plan, nothing else', () => {
    expect(sharedKinds(RECORD_KIND_REGISTRY).map((k) => k.name)).toEqual([
      'fgdm_meeting',
      'family_network_plan',
      'community_safety_plan',
    ]);
  });
});
