/** The record kind of `src/indicators`: an indicator of the fixed catalogue, addressed by name
 * for its drill-down (the cases behind it are judged one by one). */
import type { CatalogueKind } from 'src/common/record-kind';

export const INDICATOR: CatalogueKind = {
  name: 'indicator',
  label: 'Indicator',
  locate: 'catalogue',
  routes: ['/api/v1/indicators/:indicator'],
  permissions: ['indicators.read'],
};
