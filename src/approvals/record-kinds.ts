/** The record kind of `src/approvals`: a grant waiting for (or decided by) a second approver. */
import type { TenantKind } from 'src/access/record-kind';

export const APPROVAL: TenantKind = {
  name: 'approval_request',
  label: 'Approval',
  locate: 'tenant',
  routes: ['/api/v1/approvals/:id'],
  permissions: ['approval.read', 'approval.decide'],
  table: 'approval_request',
  laColumn: 'local_authority_id',
};
