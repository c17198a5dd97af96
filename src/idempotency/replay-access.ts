import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import type { Permission } from 'src/access/permissions';
import { RECORD_KINDS, resolveRoute, type RecordKindDecl } from 'src/common/record-kind';
import { notFound } from 'src/common/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A POST route with path parameters that no record kind owns: never replayed (fail closed). */
export class UnresolvedReplayRoute extends Error {
  constructor(route: string) {
    super(`no record kind owns ${route}: an Idempotency-Key replay on it is refused`);
  }
}

/**
 * Before an `Idempotency-Key` answer is replayed, the caller must still be allowed to do what
 * the key did: the route guard has already re-checked the role (403) and the account (401);
 * this asks the access gate again about the record the route names, found through the
 * record-kind registry (`src/record-kinds.ts`), with the route's permission (a 404/403 and a
 * denial on the trail when access has ended, e.g. an ECPP whose co-working ended, or a case
 * since restricted). A case is re-judged on the case; a record inside a case (a note, a plan,
 * an assessment…) with its own facts and rows; a family by the family verdict; a record of an
 * LA outside any case (a team, a webhook) must be of the caller's LA. Routes without
 * parameters (creating a family, a case, a user…) have nothing more to re-check: their role is
 * the whole permission. A route with parameters that no kind owns is never replayed.
 */
@Injectable()
export class ReplayAccess {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    @Inject(RECORD_KINDS) private readonly kinds: readonly RecordKindDecl[],
  ) {}

  async recheck(
    actor: Actor,
    permission: Permission,
    route: string,
    params: Record<string, string>,
  ): Promise<void> {
    const m = this.ds.manager;
    const target = resolveRoute(this.kinds, route, params);
    if (target === 'none') return;
    if (target === 'unknown') throw new UnresolvedReplayRoute(route);
    const { kind, id } = target;
    // An id that is no UUID names no record: the kept answer is the refusal of that input.
    if (kind.locate !== 'catalogue' && ![id, target.caseId ?? id].every((x) => UUID.test(x)))
      return;
    switch (kind.locate) {
      case 'case':
        await this.access.requireCase(m, actor, permission, id);
        return;
      case 'family':
        await this.access.requireFamily(m, actor, permission, id);
        return;
      case 'in_case':
        if (target.caseId)
          await this.access.requireRecord(m, actor, permission, target.caseId, { kind, id });
        else await this.access.requireRecordById(m, actor, permission, { kind, id });
        return;
      case 'tenant': {
        // Refused when the record now belongs to another LA than the caller's (a kept answer
        // about an id that exists nowhere names nothing and is replayed as it was).
        const rows: { la: string | null }[] = await m.query(
          `SELECT ${kind.laColumn} AS la FROM ${kind.table} WHERE id = $1`,
          [id],
        );
        if (rows[0] && rows[0].la !== actor.localAuthorityId) throw notFound(kind.label);
        return;
      }
      case 'catalogue':
        return;
    }
  }
}
