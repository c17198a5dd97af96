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

/** The one conversion of an `app_user` row (as the sign-in, refresh and principal queries
 * select it) into the caller. */
export function userActor(u: {
  id: string;
  name: string;
  roles: Role[];
  la: string | null;
  agency: Agency | null;
}): Actor {
  return {
    kind: 'user',
    id: u.id,
    name: u.name,
    roles: u.roles,
    scopes: [],
    localAuthorityId: u.la,
    agency: u.agency,
  };
}
