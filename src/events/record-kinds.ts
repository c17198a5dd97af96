/** The record kind of `src/events`: a webhook subscription (its deliveries are addressed under
 * it). */
import type { TenantKind } from 'src/common/record-kind';

export const WEBHOOK: TenantKind = {
  name: 'webhook',
  label: 'Webhook',
  locate: 'tenant',
  routes: ['/api/v1/webhooks/:id'],
  permissions: ['webhook.manage'],
  table: 'webhook_subscription',
  laColumn: 'local_authority_id',
};
