/** The record kind of `src/local-authorities`: the local authority itself. */
import type { TenantKind } from 'src/common/record-kind';

export const LOCAL_AUTHORITY: TenantKind = {
  name: 'local_authority',
  label: 'Local authority',
  locate: 'tenant',
  routes: ['/api/v1/local-authorities/:id'],
  permissions: ['local_authority.read', 'local_authority.settings'],
  table: 'local_authority',
  laColumn: 'id',
};
