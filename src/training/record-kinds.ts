/** The record kinds of `src/training`: a training run (a sandbox LA owned by the trainer's LA)
 * and a scenario of the fixed catalogue, addressed by name. */
import type { CatalogueKind, TenantKind } from 'src/common/record-kind';

export const TRAINING_RUN: TenantKind = {
  name: 'training_run',
  label: 'Training run',
  locate: 'tenant',
  routes: ['/api/v1/training/runs/:runId'],
  permissions: ['training.manage'],
  table: 'training_run',
  laColumn: 'owner_local_authority_id',
};

export const TRAINING_SCENARIO: CatalogueKind = {
  name: 'training_scenario',
  label: 'Scenario',
  locate: 'catalogue',
  routes: ['/api/v1/training/scenarios/:name'],
  permissions: ['training.manage'],
};

export const TRAINING_RECORD_KINDS = [TRAINING_RUN, TRAINING_SCENARIO] as const;
