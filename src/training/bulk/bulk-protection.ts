/** Generated child protection histories: a concern of significant harm, an ECPP co-worker and
 * the ECPP's decisions (no further action, a s47, pre-proceedings or a child protection plan
 * with its conference and visits), in the order the decision rules allow. */
import { randomUUID } from 'node:crypto';
import { addDays, type IsoDate } from 'src/common/working-days';
import type { FamilyCase } from './bulk-context';
import { familyNetwork } from './bulk-family-network';
import { CATEGORIES, HARMS, RATIONALE } from './bulk-vocab';

type Decide = (type: string, on: IsoDate, extra?: Record<string, unknown>) => string;

/** The protection history of a case at stage nfa, s47, cp_plan or pre_proceedings. */
export function addProtection(c: FamilyCase): void {
  const { r, pick, push, ago, ts, event, staff, la, stage, children, caseId, lead } = c;
  const { referralAgo } = c;
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
    if (r() < 0.3) safetyPlan(c, decide, ecpp, s47On);
    return;
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
  if (stage === 's47') return;
  if (stage === 'pre_proceedings') {
    decide('initiate_pre_proceedings', ago(s47Ago - 10));
    return;
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
  if (icpcAgo > 3) familyNetwork(c, Math.floor(r() * (icpcAgo - 1)), ecpp);
  visits(c, icpcAgo);
}

/** Harm outside the home: a Child Community Safety Plan for one child, started by the ECPP. */
function safetyPlan(c: FamilyCase, decide: Decide, ecpp: string, s47On: IsoDate): void {
  const { r, pick, push, ts, event, la, children, caseId } = c;
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

/** Up to three rounds of statutory visits after the initial conference. */
function visits(fam: FamilyCase, icpcAgo: number): void {
  const { r, push, ago, ts, event, la, children, caseId, lead } = fam;
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
}
