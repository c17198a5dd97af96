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
export { COLUMNS, pgArray, emptyTables, type Tables } from './bulk-columns';

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
const NETWORK = ['maternal grandmother', 'paternal grandmother', 'aunt', 'uncle', 'family friend'];
const HARMS = [
  'criminal_exploitation',
  'sexual_exploitation',
  'serious_youth_violence',
  'online_harm',
];

export interface Staff {
  la: string;
  fhTeam: string;
  practitioners: string[];
  ecpps: string[];
  cpManager: string;
  /** Agrees Family Network Plans; without one, generated plans stay drafts. */
  fhManager: string | null;
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
  /** An FGDM meeting `fgdmAgo` working days ago and, mostly, the Family Network Plan it led
   * to: drafted, agreed (the Family Help manager; on a CP case the ECPP too), often active. */
  const familyNetwork = (fgdmAgo: number, ecpp: string | null) => {
    if (!network.length || r() >= 0.45) return;
    const held = ago(fgdmAgo);
    const fgdmId = randomUUID();
    push('fgdm_meeting', {
      id: fgdmId,
      case_id: caseId,
      local_authority_id: la,
      child_ids: children,
      held_on: held,
      coordinator: 'FGDM coordinator (demo)',
      attendees: JSON.stringify({
        familyMemberIds: adults,
        networkMemberIds: network.map((n) => n.id),
        professionals: [],
      }),
      family_plan: "The family's own plan (generated)",
      recorded_by_id: lead,
      recorded_at: ts(held, 20),
    });
    event(
      ts(held, 20),
      'fgdm_meeting_recorded',
      lead,
      `Family group decision-making meeting held on ${held}`,
      'fgdm_meeting',
      fgdmId,
      'fgdm_meeting.record',
    );
    if (r() < 0.25) return; // no plan (yet)
    const draftAgo = Math.max(0, fgdmAgo - 1 - Math.floor(r() * 10));
    const drafted = ago(draftAgo);
    const planId = randomUUID();
    const review = addDays(drafted, 56);
    const version = {
      plan_id: planId,
      number: 1,
      child_ids: children,
      carers: JSON.stringify(
        network.map((n) => ({ networkMemberId: n.id, arrangement: 'Day-to-day care (generated)' })),
      ),
      support_package: JSON.stringify({ weeklyAllowance: 5000 + Math.floor(r() * 20) * 1000 }),
      review_date: review,
      created_by_id: lead,
      created_at: ts(drafted, 21),
    };
    push('family_network_plan_version', version);
    event(
      ts(drafted, 21),
      'family_network_plan_drafted',
      lead,
      'Family Network Plan drafted',
      'family_network_plan',
      planId,
      'family_network_plan.create',
    );
    const s = r();
    const agreedAgo = Math.max(0, draftAgo - 1 - Math.floor(r() * 5));
    const agreed = ago(agreedAgo);
    const status =
      !staff.fhManager || s < 0.15 ? 'draft' : s < 0.25 ? 'agreed' : s < 0.9 ? 'active' : 'ended';
    if (status !== 'draft') {
      const agree = (role: string, by: string, seq: number) => {
        push('family_network_plan_agreement', {
          plan_id: planId,
          version_number: 1,
          role,
          agreed_by_id: by,
          agreed_at: ts(agreed, seq),
        });
        event(
          ts(agreed, seq),
          'family_network_plan_agreement',
          by,
          'Family Network Plan version 1 agreed',
          'family_network_plan',
          planId,
          'family_network_plan.agree',
        );
      };
      agree('family_help_manager', staff.fhManager as string, 22);
      if (ecpp) agree('ecpp', ecpp, 23);
    }
    let next = review;
    const active = status === 'active' || status === 'ended';
    if (active && review < today && r() < 0.7) {
      const reviewed = r() < 0.8 ? review : addDays(review, 3 + Math.floor(r() * 20));
      next = addDays(reviewed, 91);
      push('family_network_plan_review', {
        plan_id: planId,
        due_date: review,
        reviewed_on: reviewed < today ? reviewed : today,
        summary: 'Arrangement reviewed (generated)',
        next_review_date: next,
        recorded_by_id: lead,
        recorded_at: ts(reviewed < today ? reviewed : today, 25),
      });
    }
    push('family_network_plan', {
      id: planId,
      case_id: caseId,
      local_authority_id: la,
      status,
      agreed_version: status === 'draft' ? null : 1,
      child_ids: children,
      next_review_date: next,
      activated_at: active ? ts(agreed, 24) : null,
      ended_at: status === 'ended' ? ts(today, 1) : null,
      end_reason: status === 'ended' ? 'Children returned home (generated)' : null,
      created_by_id: lead,
      created_at: ts(drafted, 21),
      updated_at: ts(agreed, 24),
    });
  };

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
  if (stage === 'family_help') familyNetwork(Math.floor(r() * (referralAgo - 5)), null);
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
    assigned_on: raised,
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
    // Harm outside the home: the ECPP starts a Child Community Safety Plan for one child.
    if (r() < 0.3) {
      const child = pick(children);
      const decision = decide('start_community_safety_plan', s47On, { child_ids: [child] });
      const planId = randomUUID();
      push('community_safety_plan', {
        id: planId,
        case_id: caseId,
        local_authority_id: la,
        child_id: child,
        harm_types: [pick(HARMS)],
        contexts: ['Place of concern (generated)'],
        review_date: addDays(s47On, 42),
        started_on: s47On,
        start_decision_id: decision,
        created_at: ts(s47On, 30),
      });
      event(
        ts(s47On, 30),
        'community_safety_plan_started',
        ecpp,
        'Child Community Safety Plan started',
        'community_safety_plan',
        planId,
        'community_safety_plan.start',
      );
      for (const agency of ['police', 'education', 'social_care'])
        push('community_safety_plan_action', {
          plan_id: planId,
          agency,
          description: `Action for ${agency} (generated)`,
          due_date: addDays(s47On, 14 + Math.floor(r() * 30)),
          status: pick(['open', 'in_progress', 'done']),
          created_by_id: ecpp,
          created_at: ts(s47On, 31),
          updated_at: ts(s47On, 31),
        });
    }
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
  if (icpcAgo > 3) familyNetwork(Math.floor(r() * (icpcAgo - 1)), ecpp);
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
