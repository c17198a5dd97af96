import type { Type } from '@nestjs/common';

/** Domain feature modules (families, cases, decisions, timescales, plans, audit views,
 * training), registered here so AppModule stays the foundation. */
export const FEATURE_MODULES: Type<unknown>[] = [];
