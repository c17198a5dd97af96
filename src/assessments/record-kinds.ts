/** The record kind of `src/assessments`: an assessment of a case's children. */
import { NO_RECORD_FACTS, type InCaseKind } from 'src/common/record-kind';

/** Judged on its case with the case's rows (no record rows of its own). */
export const ASSESSMENT: InCaseKind = {
  name: 'assessment',
  label: 'Assessment',
  locate: 'in_case',
  routes: ['/api/v1/assessments/:id'],
  permissions: ['case.read', 'assessment.record', 'assessment.authorise'],
  table: 'assessment',
  children: (r) => `${r}.child_ids`,
  facts: NO_RECORD_FACTS,
  rules: {},
  sharing: false,
};
