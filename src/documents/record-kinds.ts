/** The record kind of `src/documents`: a document attached to a case. */
import { NO_RECORD_FACTS, type InCaseKind } from 'src/common/record-kind';

/** Judged on its case with the case's rows (no record rows of its own). */
export const DOCUMENT: InCaseKind = {
  name: 'document',
  label: 'Document',
  locate: 'in_case',
  routes: ['/api/v1/documents/:id'],
  permissions: ['document.read'],
  table: 'case_document',
  facts: NO_RECORD_FACTS,
  rules: {},
  sharing: false,
};
