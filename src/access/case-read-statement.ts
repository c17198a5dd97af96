import type { Actor } from './actor';
import { auditInsertFromSql } from 'src/audit/audit-sql';
import { AuditedReadStatement, auditedReadStatement } from './case-facts.repository';
import type { Permission } from './permissions';
import { caseFilterSql } from './verdict';

/**
 * The statement of an audited case read (`AccessService.readCase`), pure so the bench's
 * same-work limit can run the very same text: facts, `columns`, and the audit row of the read
 * (`audit.action`, the case's children; with `restrictedReason` on a restricted case) written
 * when the SQL form of the verdict allows. The request's context (id, IP) is read now.
 */
export function caseReadStatement(
  actor: Actor,
  la: string,
  permission: Permission,
  caseId: string,
  columns: string,
  audit: { action: string; recordType: string; restrictedReason?: string },
): AuditedReadStatement {
  const built = buildCaseRead(actor, la, permission, caseId, columns, audit);
  return { text: sameText(built.text, columns, permission, actor), params: built.params };
}

/**
 * The statement's text depends only on the route's columns, the permission and the caller's
 * kind, roles and scopes (every id, the LA, the audit action and the request's context are
 * parameters), so each distinct text is kept once and the SAME string object is handed to the
 * prepared-statement cache: looking a freshly built 5 kB text up by content (flattening, hashing
 * and comparing it, in our statement-name map and again in pg's prepared-statement check) cost
 * ~12 µs per read. Under NODE_ENV=test every read also checks the kept text equals the one just
 * built, so the test suite proves the key misses nothing the text depends on.
 */
const keptTexts = new Map<string, Map<string, string>>();
function sameText(text: string, columns: string, permission: Permission, actor: Actor): string {
  let byShape = keptTexts.get(columns);
  if (!byShape) keptTexts.set(columns, (byShape = new Map()));
  const shape = `${permission}|${actor.kind}|${actor.roles.join(',')}|${actor.scopes.join(',')}`;
  const kept = byShape.get(shape);
  if (kept === undefined) {
    byShape.set(shape, text);
    return text;
  }
  if (process.env.NODE_ENV === 'test' && kept !== text) {
    throw new Error(`caseReadStatement: text kept for ${shape} differs from the one built`);
  }
  return kept;
}

function buildCaseRead(
  actor: Actor,
  la: string,
  permission: Permission,
  caseId: string,
  columns: string,
  audit: { action: string; recordType: string; restrictedReason?: string },
): AuditedReadStatement {
  return auditedReadStatement(
    la,
    actor,
    caseId,
    columns,
    (params) => caseFilterSql(actor, permission, 'c', params),
    (params) => {
      params.push(audit.restrictedReason ?? null);
      const reason = `CASE WHEN f.restricted THEN $${params.length}::text END`;
      return auditInsertFromSql(
        { action: audit.action, recordType: audit.recordType, actor },
        params,
        {
          from: 'f WHERE f.allowed',
          recordId: 'f.id',
          childIds: 'f."childIds"::uuid[]',
          reason,
        },
      );
    },
  );
}
