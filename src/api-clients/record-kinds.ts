/** The record kind of `src/api-clients`: an integrator's API client. */
import type { TenantKind } from 'src/common/record-kind';

export const API_CLIENT: TenantKind = {
  name: 'api_client',
  label: 'API client',
  locate: 'tenant',
  routes: ['/api/v1/api-clients/:id'],
  permissions: ['api_client.update'],
  table: 'api_client',
  laColumn: 'local_authority_id',
};
