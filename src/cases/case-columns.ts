/** The SQL of a case response (`GET /cases/:id` and the caseload rows): its columns. */
import { historyUnionSql } from 'src/case-history/case-history.repository';
import { fnpReviewItemsSql } from 'src/case-history/family-network-plan-review.query';
import { preProceedingsReviewsSql, proceedingsInputSql } from 'src/case-history/timescale-input';
import { caseActivitySql } from './case-activity';

/** The response's columns beyond the gate's facts row (which has id, stage, family, team, lead,
 * children, restricted, version, referral date and assessment date): children with names, the
 * lead practitioner's and co-workers' names, and the facts plan statuses and the next timescale
 * derive from (history, meetings, visits, the LA's timescale settings), as correlated subqueries. */
export const CASE_RESPONSE_COLUMNS = `
         (SELECT lu.name FROM app_user lu WHERE lu.id = c.lead_practitioner_id) AS "leadPractitionerName",
         COALESCE((SELECT json_agg(json_build_object('id', p.id, 'firstName', p.first_name,
                                     'lastName', p.last_name, 'dateOfBirth', p.date_of_birth::text)
                                   ORDER BY p.id)
                     FROM case_child cc JOIN person p ON p.id = cc.person_id
                    WHERE cc.case_id = c.id), '[]') AS "children",
         COALESCE((SELECT json_agg(json_build_object('userId', w.user_id, 'name', wu.name,
                                     'role', w.role, 'assignedAt', w.assigned_at)
                                   ORDER BY w.assigned_at, w.id)
                     FROM case_co_worker w JOIN app_user wu ON wu.id = w.user_id
                    WHERE w.case_id = c.id AND w.ended_at IS NULL), '[]')
           AS "coWorkers",
         COALESCE((SELECT json_agg(h ORDER BY h.ts, h.id)
                     FROM (${historyUnionSql('= c.id', 'c.local_authority_id')}) h), '[]') AS "history",
         COALESCE((SELECT json_agg(json_build_object('kind', mt.kind, 'date', mt.held_on::text)
                                   ORDER BY mt.held_on, mt.recorded_at, mt.id)
                     FROM case_meeting mt WHERE mt.case_id = c.id), '[]') AS "meetings",
         COALESCE((SELECT json_agg(json_build_object('childId', v.child_id,
                                     'date', v.visited_on::text, 'seenAlone', v.seen_alone)
                                   ORDER BY v.visited_on, v.recorded_at, v.id)
                     FROM case_visit v WHERE v.case_id = c.id), '[]') AS "visits",
         COALESCE((SELECT json_agg(json_build_object('case_id', e.case_id, 'type', e.type,
                                     'day', (e.at AT TIME ZONE 'Europe/London')::date::text,
                                     'referral_date', e.data->'referral'->>'date',
                                     'completed_at', COALESCE(e.data->>'completedAt',
                                       CASE WHEN e.type = 'assessment_authorised'
                                         AND (e.data->>'timescaleMet')::boolean
                                       THEN e.data->>'completedOn' END))
                                   ORDER BY e.at, e.id)
                     FROM case_event e
                    WHERE e.case_id = c.id AND e.local_authority_id = c.local_authority_id
                      AND e.type IN ('case_created', 'case_reopened', 'referral_added',
                                     'assessment_completed', 'assessment_authorised')), '[]')
           AS "referralEvents",
         COALESCE((SELECT json_agg(json_build_object('planId', fr."planId",
                                     'reviewDate', fr."reviewDate", 'reviewedAt', fr."reviewedAt",
                                     'since', fr."since"))
                     FROM (${fnpReviewItemsSql('= c.id').replaceAll('$1', 'c.local_authority_id')}) fr),
                  '[]') AS "fnpReviews",
         COALESCE((SELECT json_agg(json_build_object('startDecisionId', sp.start_decision_id,
                                     'id', sp.id))
                     FROM community_safety_plan sp WHERE sp.case_id = c.id), '[]') AS "safetyPlans",
         (SELECT cla.core_group_interval_weeks FROM local_authority cla
           WHERE cla.id = c.local_authority_id) AS "coreGroupIntervalWeeks",
         (SELECT cla.visit_interval_working_days FROM local_authority cla
           WHERE cla.id = c.local_authority_id) AS "visitIntervalWorkingDays",
         (SELECT cla.pre_proceedings_weeks FROM local_authority cla
           WHERE cla.id = c.local_authority_id) AS "preProceedingsWeeks",
         ${proceedingsInputSql('= c.id')} AS "letters",
         ${preProceedingsReviewsSql('= c.id')} AS "preProceedingsReviews",
         COALESCE((SELECT json_agg(json_build_object('seq', e.seq, 'referralDate', e.referral_date::text,
                                     'referralSource', e.referral_source, 'closed', e.closed,
                                     'closedOn', e.closed_on::text, 'closureReason', e.closure_reason,
                                     'primaryNeedAtClosure', e.primary_need_at_closure)
                                   ORDER BY e.seq)
                     FROM case_episode e
                    WHERE e.case_id = c.id AND e.local_authority_id = c.local_authority_id), '[]')
           AS "episodes",
         c.referral_source AS "referralSource", c.closure_reason AS "closureReason",
         (EXISTS (SELECT 1 FROM case_concern k WHERE k.case_id = c.id AND k.closed_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM case_co_worker w2 WHERE w2.case_id = c.id AND w2.ended_at IS NULL))
           AS "needsEcpp", c.closed_at AS "closedAt",
         (SELECT json_build_object(
                   'closedOn', COALESCE(e.data->>'closedOn', (e.at AT TIME ZONE 'Europe/London')::date::text),
                   'authorisedBy', e.data->>'authorisedById')
            FROM case_event e
           WHERE c.closed_at IS NOT NULL AND e.case_id = c.id
             AND e.local_authority_id = c.local_authority_id AND e.type = 'case_closed'
           ORDER BY e.at DESC, e.id DESC LIMIT 1) AS "closedEvent",
         c.created_at AS "createdAt", c.updated_at AS "updatedAt",
         to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
         ${caseActivitySql('c')} AS "lastActivityAt"`;

export const CASE_SELECT_FROM_PAGE = `
  SELECT c.id, c.stage, c.family_id AS "familyId", c.team_id AS "teamId",
         c.lead_practitioner_id AS "leadPractitionerId",
         COALESCE((SELECT array_agg(cc.person_id::text ORDER BY cc.person_id)
                     FROM case_child cc WHERE cc.case_id = c.id), '{}') AS "childIds",
         c.referral_date::text AS "referralDate", c.restricted, c.version,
         c.assessment_completed_at::text AS "assessmentCompletedAt",${CASE_RESPONSE_COLUMNS}
    FROM`;

export const CASE_SELECT = `${CASE_SELECT_FROM_PAGE} case_record c`;
