/**
 * The child protection conference as a record kind inside a case: its table and label for the
 * access gate's facts query (`RECORD_FACT_SQL` in src/access/predicates.ts reads this
 * declaration). Its record fact `author` is "the caller chairs this conference": the chair, who
 * holds no case role, sees and records this conference only (`conference.read`,
 * `conference.chair` rows in src/access/verdict.ts `RECORD_RULES.cp_conference`); scheduling is
 * the case row `conference.schedule` (cp_manager). Partners are never named on it. Timeline
 * events: `conference_scheduled`, `conference_held`, `conference_concluded` (→ the integration
 * events `conference.scheduled`, `conference.held`, `conference.concluded`).
 *
 * Plain data (no imports), so the gate can read it without a cycle; once the record-kind
 * registry lands this file is the one registration.
 */
export const CONFERENCE_KIND = {
  kind: 'cp_conference',
  table: 'cp_conference',
  label: 'Conference',
  author: (r: string, me: string, kind: string) => `(${r}.chair_id = ${me} AND ${kind} = 'user')`,
  shared: () => 'FALSE',
  ownAgency: () => 'FALSE',
} as const;
