import { SetMetadata } from '@nestjs/common';
import type { Permission } from 'src/access/permissions';

export const PERMISSION_KEY = 'tandem:permission';

/** Declares the permission a route needs; the global guard refuses routes without one. */
export const Can = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);
export const Public = () => Can('public');
export const Authenticated = () => Can('authenticated');
