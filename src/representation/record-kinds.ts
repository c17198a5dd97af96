/** The record kind of `src/representation`: a parent's offer of legal representation. */
import { NO_RECORD_FACTS, type InCaseKind } from 'src/common/record-kind';

/** Judged on its case with the case's rows (no record rows of its own). */
export const PARENT_REPRESENTATION: InCaseKind = {
  name: 'parent_representation',
  label: 'Representation',
  locate: 'in_case',
  routes: ['/api/v1/parent-representation/:id'],
  permissions: ['representation.record'],
  /** The letter before proceedings (recorded with the representation offers). */
  trainingEvents: ['letter_before_proceedings'],
  table: 'parent_representation',
  facts: NO_RECORD_FACTS,
  rules: {},
  sharing: false,
};
