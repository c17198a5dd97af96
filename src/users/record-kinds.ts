/** The record kind of `src/users`: a user account of a local authority. */
import type { TenantKind } from 'src/common/record-kind';

export const USER: TenantKind = {
  name: 'user',
  label: 'User',
  locate: 'tenant',
  routes: ['/api/v1/users/:id'],
  permissions: ['user.read', 'user.update'],
  table: 'app_user',
  laColumn: 'local_authority_id',
};
