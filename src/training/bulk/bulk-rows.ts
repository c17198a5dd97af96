/**
 * Plausible families for demos and benchmarks, generated as plain column arrays (one array per
 * column, ready for `COPY` or `INSERT … SELECT * FROM unnest(…)`). Deterministic per family index.
 * Histories follow the decision rules (a plan after a convened conference after a s47 after a
 * concern), so stages derived by replay agree with the stored stage. No real people: names are
 * drawn from short common-name lists. Plans follow the plan rules (agreements as the stage needs).
 */
import { randomUUID } from 'node:crypto';
import { addDays, addWorkingDays, type IsoDate } from 'src/common/working-days';
import { Tables } from './bulk-columns';
import type {
  CaseEventFn,
  FamilyCase,
  FamilyContext,
  FamilyPeople,
  Stage,
  Staff,
} from './bulk-context';
import { familyNetwork } from './bulk-family-network';
import { addProtection } from './bulk-protection';
import { FIRST, LAST, NETWORK, SOURCES } from './bulk-vocab';
export { COLUMNS, pgArray, emptyTables, type Tables } from './bulk-columns';

/** `today` and the working days before it: `cal[k]` is k working days ago (counted once). */
export function workingCalendar(today: IsoDate, days: number): IsoDate[] {
  const cal = [today];
  for (let k = 1; k <= days; k++) cal.push(addWorkingDays(cal[k - 1], -1));
  return cal;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends family `index` (with its case and history) to `out`; returns its case's stage.
 * The steps run in a fixed order, each drawing from the family's one random stream. */
export function addFamily(
  out: Tables,
  index: number,
  staff: Staff,
  cal: readonly IsoDate[],
): Stage {
  const r = rng(index * 2654435761);
  const ctx: FamilyContext = {
    out,
    staff,
    la: staff.la,
    today: cal[0],
    ago: (k) => cal[k],
    r,
    pick: (xs) => xs[Math.floor(r() * xs.length)],
    push: (table, row) => {
      const cols = out[table];
      for (const c of Object.keys(cols)) cols[c].push(row[c] ?? null);
    },
    ts: (d, seq) => `${d}T09:${String(seq).padStart(2, '0')}:00Z`,
  };
  const kase = openCase(ctx, addPeople(ctx));
  const { stage, event, referral, lead, caseId, referralAgo, ts } = kase;
  if (stage === 'closed')
    event(
      ts(addWorkingDays(referral, 50), 1),
      'case_closed',
      lead,
      'Case closed: RC7',
      'case',
      caseId,
      'case.close',
    );
  if (stage === 'family_help') familyNetwork(kase, Math.floor(r() * (referralAgo - 5)), null);
  if (stage === 'family_help' || stage === 'closed') return stage;
  addProtection(kase);
  return stage;
}

/** The family, its adults and children (the adults their parents) and, for about a third of
 * families, the wider family an FGDM brings in. */
function addPeople(ctx: FamilyContext): FamilyPeople {
  const { r, pick, push, la, staff, today } = ctx;
  const lead = pick(staff.practitioners);
  const last = pick(LAST);
  const familyId = randomUUID();
  push('family', { id: familyId, local_authority_id: la, name: last });
  const adults = Array.from({ length: 1 + Math.floor(r() * 2) }, () => randomUUID());
  const children = Array.from({ length: 1 + Math.floor(r() * 3) }, () => randomUUID());
  adults.forEach((id) =>
    push('person', {
      id,
      local_authority_id: la,
      family_id: familyId,
      kind: 'adult',
      first_name: pick(FIRST),
      last_name: last,
      date_of_birth: addDays(today, -365 * (22 + Math.floor(r() * 25))),
    }),
  );
  children.forEach((id) => {
    push('person', {
      id,
      local_authority_id: la,
      family_id: familyId,
      kind: 'child',
      first_name: pick(FIRST),
      last_name: last,
      date_of_birth: addDays(today, -Math.floor(r() * 365 * 17) - 30),
    });
    adults.forEach((a, i) =>
      push('relationship', {
        person_id: a,
        child_id: id,
        relationship: i === 0 ? 'mother' : 'father',
      }),
    );
  });

  // Wider family for about a third of the families: who an FGDM brings in.
  const network =
    r() < 0.35
      ? Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({
          id: randomUUID(),
          person: randomUUID(),
        }))
      : [];
  network.forEach((n) => {
    push('person', {
      id: n.person,
      local_authority_id: la,
      family_id: null,
      kind: 'adult',
      first_name: pick(FIRST),
      last_name: pick(LAST),
      date_of_birth: null,
    });
    push('family_network_member', {
      id: n.id,
      local_authority_id: la,
      family_id: familyId,
      person_id: n.person,
      relationship: pick(NETWORK),
    });
  });

  return { lead, familyId, adults, children, network };
}

/** The case at a drawn stage, with its referral, children and opening events. */
function openCase(ctx: FamilyContext, p: FamilyPeople): FamilyCase {
  const { r, pick, push, ago, ts, la, staff } = ctx;
  const { lead, familyId, children } = p;
  const roll = r();
  const stage: Stage =
    roll < 0.5
      ? 'family_help'
      : roll < 0.62
        ? 'nfa'
        : roll < 0.7
          ? 's47'
          : roll < 0.88
            ? 'cp_plan'
            : roll < 0.93
              ? 'pre_proceedings'
              : 'closed';
  const referralAgo = 60 + Math.floor(r() * 400);
  const referral = ago(referralAgo);
  const caseId = randomUUID();
  const stored =
    stage === 'nfa'
      ? 'family_help'
      : stage === 'cp_plan' || stage === 's47'
        ? 'child_protection'
        : stage;
  push('case_record', {
    id: caseId,
    local_authority_id: la,
    family_id: familyId,
    team_id: staff.fhTeam,
    lead_practitioner_id: lead,
    stage: stored,
    referral_date: referral,
    referral_source: pick(SOURCES),
    closure_reason: stage === 'closed' ? 'RC7' : null,
    closed_at: stage === 'closed' ? ts(ago(referralAgo - 50), 0) : null,
    assessment_completed_at: r() < 0.8 ? ago(referralAgo - 20 - Math.floor(r() * 30)) : null,
  });
  children.forEach((c) => push('case_child', { case_id: caseId, person_id: c }));
  const event: CaseEventFn = (
    at: string,
    type: string,
    actor: string,
    summary: string,
    recordType: string,
    recordId: string,
    action: string,
  ) => {
    push('case_event', {
      case_id: caseId,
      local_authority_id: la,
      at,
      type,
      actor_id: actor,
      actor_type: 'user',
      summary,
      record_type: recordType,
      record_id: recordId,
    });
    push('audit_event', {
      local_authority_id: la,
      at,
      actor_type: 'user',
      actor_id: actor,
      action,
      record_type: recordType,
      record_id: recordId,
      child_ids: children,
    });
  };
  event(
    ts(referral, 0),
    'case_created',
    lead,
    'Referral received; case opened in Family Help',
    'case',
    caseId,
    'case.create',
  );
  push('audit_event', {
    local_authority_id: la,
    at: ts(referral, 0),
    actor_type: 'user',
    actor_id: lead,
    action: 'family.create',
    record_type: 'family',
    record_id: familyId,
    child_ids: children,
  });
  return { ...ctx, ...p, caseId, stage, referral, referralAgo, event };
}
