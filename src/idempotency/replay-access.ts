import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import type { Permission } from 'src/access/permissions';
import { notFound } from 'src/common/domain-error';

/** `/api/v1/cases/:id/notes/:noteId/…`: a write to one note of a case. */
const NOTE_ROUTE = /^\/api\/v1\/cases\/:id\/notes\/:noteId(\/|$)/;
const CASE_ROUTE = /^\/api\/v1\/cases\/:id(\/|$)/;
const FAMILY_ROUTE = /^\/api\/v1\/families\/:id(\/|$)/;
/** Records addressed by their own id that live inside one case: re-checked on that case. */
const CASE_RECORD_ROUTES: { route: RegExp; table: string; label: string }[] = [
  { route: /^\/api\/v1\/assessments\/:id(\/|$)/, table: 'assessment', label: 'Assessment' },
  {
    route: /^\/api\/v1\/parent-representation\/:id(\/|$)/,
    table: 'parent_representation',
    label: 'Representation',
  },
];

/**
 * Before an `Idempotency-Key` answer is replayed, the caller must still be allowed to do what
 * the key did: the route guard has already re-checked the role (403) and the account (401);
 * this asks the access gate again about the record the route names, with the route's
 * permission (a 404/403 and a denial on the trail when access has ended, e.g. an ECPP whose
 * co-working ended, or a case since restricted). Routes that name no record (creating a family,
 * a case, a user…) have nothing more to re-check: their role is the whole permission.
 */
@Injectable()
export class ReplayAccess {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
  ) {}

  async recheck(
    actor: Actor,
    permission: Permission,
    route: string,
    params: Record<string, string>,
  ): Promise<void> {
    const m = this.ds.manager;
    if (NOTE_ROUTE.test(route)) {
      await this.access.requireRecord(m, actor, permission, params.id, {
        kind: 'case_note',
        id: params.noteId,
      });
    } else if (CASE_ROUTE.test(route)) {
      await this.access.requireCase(m, actor, permission, params.id);
    } else if (FAMILY_ROUTE.test(route)) {
      await this.access.requireFamily(m, actor, permission, params.id);
    } else {
      const inCase = CASE_RECORD_ROUTES.find((r) => r.route.test(route));
      if (!inCase) return;
      const rows: { caseId: string }[] = await m.query(
        `SELECT case_id AS "caseId" FROM ${inCase.table} WHERE id = $1 AND local_authority_id = $2`,
        [params.id, actor.localAuthorityId],
      );
      if (!rows[0]) throw notFound(inCase.label);
      await this.access.requireCase(m, actor, permission, rows[0].caseId);
    }
  }
}
