import type { EntityManager } from 'typeorm';
import { conflict, validationFailed } from 'src/common/domain-error';
import {
  ConcludeStrategyDiscussionDto,
  HoldStrategyDiscussionDto,
  ScheduleStrategyDiscussionDto,
} from './dto/strategy-discussion.dto';
import { StrategyDiscussionRepository } from './strategy-discussion.repository';
import { Invitee, ParentsInformed, Participant, Result } from './strategy-discussion.rules';

/* The strategy discussion writes' input checks: a rule's refusal as a 409, children of the case,
 * invitees and participants (users of the LA, or named people), how parents were informed. */

export function orConflict(r: Result<unknown>): void {
  if (!r.ok) throw conflict(r.code, r.detail);
}

export function requireChildren(
  field: string,
  ids: readonly string[],
  caseChildIds: readonly string[],
) {
  const outside = ids.filter((id) => !caseChildIds.includes(id));
  if (outside.length)
    throw validationFailed(field, `not children of this case: ${outside.join(', ')}`);
}

export async function invitees(
  repo: StrategyDiscussionRepository,
  m: EntityManager,
  la: string,
  dto: ScheduleStrategyDiscussionDto,
): Promise<Invitee[]> {
  const ids = dto.invitees.flatMap((i) => (i.userId ? [i.userId] : []));
  const users = await repo.users(m, la, ids);
  return dto.invitees.map((i, n) => {
    const field = `invitees[${n}]`;
    if (i.userId) {
      if (i.name !== undefined || i.organisation !== undefined)
        throw validationFailed(field, 'give either userId, or name, agency and organisation');
      const u = users.find((x) => x.id === i.userId);
      if (!u)
        throw validationFailed(`${field}.userId`, 'no user with this id in your local authority');
      return { userId: i.userId, agency: (i.agency ?? u.agency ?? null) as Invitee['agency'] };
    }
    if (!i.name || !i.agency)
      throw validationFailed(field, 'give either userId, or name, agency and organisation');
    return { name: i.name, agency: i.agency, organisation: i.organisation ?? null };
  });
}

export async function participants(
  repo: StrategyDiscussionRepository,
  m: EntityManager,
  la: string,
  dto: HoldStrategyDiscussionDto,
): Promise<Participant[]> {
  const ids = dto.participants.flatMap((p) => (p.userId ? [p.userId] : []));
  const users = await repo.users(m, la, ids);
  return dto.participants.map((p, n) => {
    const field = `participants[${n}]`;
    if ((p.userId === undefined) === (p.name === undefined))
      throw validationFailed(field, 'give either userId or name');
    if (p.userId && !users.some((u) => u.id === p.userId))
      throw validationFailed(`${field}.userId`, 'no user with this id in your local authority');
    return {
      userId: p.userId ?? null,
      name: p.name ?? null,
      agency: p.agency,
      attended: p.attended,
    };
  });
}

export function parentsInformed(
  dto: ConcludeStrategyDiscussionDto,
  heldOn: string,
): ParentsInformed {
  const p = dto.parentsInformed;
  if (p.deferredReason !== undefined) {
    if (p.by !== undefined || p.on !== undefined)
      throw validationFailed('parentsInformed', 'give either by and on, or deferredReason');
    return { deferredReason: p.deferredReason };
  }
  if (p.by === undefined || p.on === undefined)
    throw validationFailed('parentsInformed', 'give either by and on, or deferredReason');
  if (p.on < heldOn)
    throw validationFailed(
      'parentsInformed.on',
      `${p.on} is before the discussion was held (${heldOn})`,
    );
  return { by: p.by, on: p.on };
}
