import type { Agency, Role, Scope } from './roles';

/** Who is calling: a user (with roles) or an API client (with scopes), always of one LA
 * except the platform administrator. */
export interface Actor {
  kind: 'user' | 'client';
  id: string;
  localAuthorityId: string | null;
  roles: Role[];
  scopes: Scope[];
  agency: Agency | null;
  name: string;
}
