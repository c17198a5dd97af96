import type { Actor } from 'src/access/actor';
import type { Role } from 'src/access/roles';
import { DomainError } from 'src/common/domain-error';
import { type IsoDate } from 'src/common/working-days';
import type { ScenarioEvent } from './scenario-format';

export interface ScenarioLogin {
  key: string;
  email: string;
  name: string;
  roles: Role[];
  /** Generated for this run and shown once; only its hash is stored. */
  password: string;
}

export interface LoadedRun {
  runId: string;
  scenario: string;
  localAuthorityId: string;
  code: string;
  users: ScenarioLogin[];
  events: number;
}

/** A scenario event the rules refused: names the file, the event and why. Nothing was kept. */
export class ScenarioLoadError extends Error {
  constructor(
    readonly file: string,
    readonly eventIndex: number | null,
    readonly reason: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'ScenarioLoadError';
  }
}

export function describeError(err: unknown): string {
  if (err instanceof DomainError) return `${err.status} ${err.code}: ${err.message}`;
  const res = (err as { getResponse?: () => unknown }).getResponse?.() as
    { problem?: { code?: string; detail?: string } } | undefined;
  if (res?.problem) return `400 ${res.problem.code}: ${res.problem.detail}`;
  return err instanceof Error ? err.message : String(err);
}

export interface LoadOptions {
  /** The sandbox's code (default: generated). */
  laCode?: string;
  /** Who asked: the trainer (API), or null (the CLI). */
  initiator: Actor | null;
  today: IsoDate;
  onProgress?: (done: number, total: number, label: string) => void;
}

export function eventLabel(e: ScenarioEvent): string {
  const target = 'plan' in e ? e.plan : 'action' in e ? e.action : 'record' in e ? e.record : null;
  const what =
    'type' in e
      ? `${e.do} ${e.type}`
      : 'kind' in e
        ? `${e.do} ${e.kind}`
        : target
          ? `${e.do} ${target}`
          : e.do;
  return `${what} on ${e.on} by ${e.by}`;
}

/** What the loader knows while it applies events: scenario keys → ids. */
export interface LoadState {
  today: IsoDate;
  users: Map<string, { id: string }>;
  teams: Map<string, string>;
  people: Map<string, string>;
  families: Map<string, string>;
  cases: Map<string, { id: string; childIds: string[]; familyId: string }>;
  refs: Map<string, string>;
  /** The event kind that created each ref (a share's record type). */
  refKinds: Map<string, ScenarioEvent['do']>;
  /** Each scenario user as an actor (an event's second actor, e.g. an assessment's authoriser). */
  actors: Map<string, Actor>;
  /** Row versions (ETags) of Family Network Plans and safety-plan actions, by id: what an
   * API client would send as If-Match. */
  versions: Map<string, number>;
  /** The safety plan of each action, by action id. */
  actionPlans: Map<string, string>;
}
