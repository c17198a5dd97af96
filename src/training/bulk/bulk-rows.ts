/**
 * Plausible families for demos and benchmarks, generated as plain column arrays (one array per
 * column, ready for `INSERT … SELECT * FROM unnest(…)`). Deterministic per family index.
 * Histories follow the decision rules (a plan after a convened conference after a s47 after a
 * concern), so stages derived by replay agree with the stored stage. No real people: names are
 * drawn from short common-name lists.
 */
import { randomUUID } from 'node:crypto';
import { addDays, addWorkingDays, type IsoDate } from 'src/timescales/working-days';

/** `today` and the working days before it: `cal[k]` is k working days ago (counted once). */
export function workingCalendar(today: IsoDate, days: number): IsoDate[] {
  const cal = [today];
  for (let k = 1; k <= days; k++) cal.push(addWorkingDays(cal[k - 1], -1));
  return cal;
}

const FIRST = [
  'Alex',
  'Sam',
  'Jordan',
  'Charlie',
  'Riley',
  'Jamie',
  'Morgan',
  'Casey',
  'Robin',
  'Ellis',
  'Kai',
  'Rowan',
  'Avery',
  'Quinn',
  'Harley',
  'Frankie',
];
const LAST = [
  'Ashdown',
  'Brookes',
  'Carver',
  'Dunmore',
  'Ellery',
  'Fenwick',
  'Garside',
  'Holloway',
  'Ingram',
  'Jessop',
  'Kettering',
  'Lowther',
  'Marsden',
  'Norbury',
  'Oakley',
  'Pemberton',
  'Quarry',
  'Rushton',
  'Selby',
  'Thornhill',
];
const SOURCES = ['1A', '1B', '2A', '3A', '3B', '5D', '6'];
const CATEGORIES = ['NEG', 'PHY', 'EMO', 'SAB', 'MUL'];
const RATIONALE = 'Generated demonstration decision: rationale recorded by the bulk seeder.';

export interface Staff {
  la: string;
  fhTeam: string;
  practitioners: string[];
  ecpps: string[];
  cpManager: string;
}

type Col = unknown[];
export type Tables = Record<string, Record<string, Col>>;

/** The tables and columns written, in foreign-key order. */
export const COLUMNS: Record<string, Record<string, string>> = {
  family: { id: 'uuid', local_authority_id: 'uuid', name: 'text' },
  person: {
    id: 'uuid',
    local_authority_id: 'uuid',
    family_id: 'uuid',
    kind: 'text',
    first_name: 'text',
    last_name: 'text',
    date_of_birth: 'date',
  },
  relationship: { person_id: 'uuid', child_id: 'uuid', relationship: 'text' },
  case_record: {
    id: 'uuid',
    local_authority_id: 'uuid',
    family_id: 'uuid',
    team_id: 'uuid',
    lead_practitioner_id: 'uuid',
    stage: 'text',
    referral_date: 'date',
    referral_source: 'text',
    closure_reason: 'text',
    closed_at: 'timestamptz',
    assessment_completed_at: 'date',
  },
  case_child: { case_id: 'uuid', person_id: 'uuid' },
  case_co_worker: {
    case_id: 'uuid',
    user_id: 'uuid',
    assigned_by_id: 'uuid',
    assigned_at: 'timestamptz',
  },
  decision: {
    id: 'uuid',
    case_id: 'uuid',
    local_authority_id: 'uuid',
    type: 'text',
    rationale: 'text',
    child_ids: 'uuid[]',
    effective_date: 'date',
    category: 'text',
    strategy_discussion_date: 'date',
    conference_date: 'date',
    decided_by_id: 'uuid',
    created_at: 'timestamptz',
  },
  case_concern: {
    id: 'uuid',
    case_id: 'uuid',
    local_authority_id: 'uuid',
    raised_by_id: 'uuid',
    child_ids: 'uuid[]',
    summary: 'text',
    raised_at: 'timestamptz',
    raised_on: 'date',
    closed_at: 'timestamptz',
    closed_by_decision_id: 'uuid',
  },
  case_meeting: {
    case_id: 'uuid',
    local_authority_id: 'uuid',
    kind: 'text',
    held_on: 'date',
    recorded_by_id: 'uuid',
  },
  case_visit: {
    case_id: 'uuid',
    local_authority_id: 'uuid',
    child_id: 'uuid',
    visited_on: 'date',
    seen_alone: 'boolean',
    recorded_by_id: 'uuid',
  },
  case_event: {
    case_id: 'uuid',
    local_authority_id: 'uuid',
    at: 'timestamptz',
    type: 'text',
    actor_id: 'uuid',
    actor_type: 'text',
    summary: 'text',
    record_type: 'text',
    record_id: 'uuid',
  },
  audit_event: {
    local_authority_id: 'uuid',
    at: 'timestamptz',
    actor_type: 'text',
    actor_id: 'uuid',
    action: 'text',
    record_type: 'text',
    record_id: 'uuid',
    child_ids: 'uuid[]',
  },
};

export function emptyTables(): Tables {
  return Object.fromEntries(
    Object.entries(COLUMNS).map(([t, cols]) => [
      t,
      Object.fromEntries(Object.keys(cols).map((c) => [c, []])),
    ]),
  );
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

export type Stage = 'family_help' | 'nfa' | 's47' | 'cp_plan' | 'pre_proceedings' | 'closed';

/** Appends family `index` (with its case and history) to `out`; returns its case's stage. */
export function addFamily(
  out: Tables,
  index: number,
  staff: Staff,
  cal: readonly IsoDate[],
): Stage {
  const today = cal[0];
  /** The date `k` working days ago (k >= 0). */
  const ago = (k: number): IsoDate => cal[k];
  const r = rng(index * 2654435761);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const push = (table: string, row: Record<string, unknown>) => {
    const cols = out[table];
    for (const c of Object.keys(cols)) cols[c].push(row[c] ?? null);
  };
  const la = staff.la;
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
  const ts = (d: IsoDate, seq: number) => `${d}T09:${String(seq).padStart(2, '0')}:00Z`;
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
  const event = (
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
  if (stage === 'family_help' || stage === 'closed') return stage;

  // A concern of significant harm, an ECPP co-worker, then the ECPP's decisions.
  const ecpp = pick(staff.ecpps);
  const raisedAgo = referralAgo - 10 - Math.floor(r() * 20);
  const raised = ago(raisedAgo);
  const concernId = randomUUID();
  push('case_co_worker', {
    case_id: caseId,
    user_id: ecpp,
    assigned_by_id: staff.cpManager,
    assigned_at: ts(raised, 5),
  });
  event(
    ts(raised, 5),
    'co_worker_assigned',
    staff.cpManager,
    'ECPP assigned as co-worker',
    'case',
    caseId,
    'case.co_worker.assign',
  );
  let seq = 10;
  const decide = (type: string, on: IsoDate, extra: Record<string, unknown> = {}) => {
    const id = randomUUID();
    push('decision', {
      id,
      case_id: caseId,
      local_authority_id: la,
      type,
      rationale: RATIONALE,
      child_ids: children,
      effective_date: on,
      decided_by_id: ecpp,
      created_at: ts(on, seq),
      ...extra,
    });
    event(
      ts(on, seq++),
      'decision_recorded',
      ecpp,
      `Decision: ${type}`,
      'decision',
      id,
      'decision.record',
    );
    return id;
  };
  const s47Ago = raisedAgo - 1;
  const s47On = ago(s47Ago);
  if (stage === 'nfa') {
    const nfa = decide('no_further_action', s47On);
    push('case_concern', {
      id: concernId,
      case_id: caseId,
      local_authority_id: la,
      raised_by_id: lead,
      child_ids: children,
      summary: 'Concern of significant harm (generated)',
      raised_at: ts(raised, 1),
      raised_on: raised,
      closed_at: ts(s47On, 10),
      closed_by_decision_id: nfa,
    });
    return stage;
  }
  push('case_concern', {
    id: concernId,
    case_id: caseId,
    local_authority_id: la,
    raised_by_id: lead,
    child_ids: children,
    summary: 'Concern of significant harm (generated)',
    raised_at: ts(raised, 1),
    raised_on: raised,
  });
  push('case_meeting', {
    case_id: caseId,
    local_authority_id: la,
    kind: 'strategy_discussion',
    held_on: s47On,
    recorded_by_id: ecpp,
  });
  decide('start_section_47_enquiry', s47On, { strategy_discussion_date: s47On });
  if (stage === 's47') return stage;
  if (stage === 'pre_proceedings') {
    decide('initiate_pre_proceedings', ago(s47Ago - 10));
    return stage;
  }
  const icpcAgo = s47Ago - 8 - Math.floor(r() * 12);
  const icpc = ago(icpcAgo);
  decide('convene_initial_cp_conference', ago(s47Ago - 3), { conference_date: icpc });
  push('case_meeting', {
    case_id: caseId,
    local_authority_id: la,
    kind: 'initial_cp_conference',
    held_on: icpc,
    recorded_by_id: ecpp,
  });
  decide('start_child_protection_plan', icpc, { category: pick(CATEGORIES) });
  for (let v = 1; v <= 3; v++) {
    const visitAgo = icpcAgo - v * (7 + Math.floor(r() * 5));
    if (visitAgo < 0) break;
    const on = ago(visitAgo);
    for (const c of children) {
      push('case_visit', {
        case_id: caseId,
        local_authority_id: la,
        child_id: c,
        visited_on: on,
        seen_alone: r() < 0.7,
        recorded_by_id: lead,
      });
      event(
        ts(on, 40 + v),
        'visit_recorded',
        lead,
        'Statutory visit recorded',
        'case',
        caseId,
        'visit.record',
      );
    }
  }
  return stage;
}
