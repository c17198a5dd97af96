import type { UserResponse } from './dto/user.dto';
import { User } from './user.entity';

/** A user's fields as created (at once, or on a second approver's approval). */
export type NewUser = Pick<
  User,
  'email' | 'name' | 'passwordHash' | 'roles' | 'localAuthorityId' | 'agency'
> & { localAuthorityId: string };

/** The fields of a user that its response shows. */
export const PUBLIC_FIELDS = [
  'id',
  'email',
  'name',
  'roles',
  'localAuthorityId',
  'agency',
  'active',
  'version',
] as const;

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    localAuthorityId: u.localAuthorityId,
    agency: u.agency,
    active: u.active,
    version: u.version,
  };
}
