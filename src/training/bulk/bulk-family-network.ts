/** Generated family networks: the FGDM meeting and the Family Network Plan it led to. */
import { randomUUID } from 'node:crypto';
import { addDays } from 'src/common/working-days';
import type { FamilyCase } from './bulk-context';

/** An FGDM meeting `fgdmAgo` working days ago and, mostly, the Family Network Plan it led
 * to: drafted, agreed (the Family Help manager; on a CP case the ECPP too), often active. */
export function familyNetwork(c: FamilyCase, fgdmAgo: number, ecpp: string | null): void {
  const { r, push, ago, ts, event, staff, la, today, network, adults, children, caseId, lead } = c;
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
}
