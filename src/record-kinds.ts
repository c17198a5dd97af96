/**
 * THE REGISTRY: every record kind Tandem knows, assembled from the declarations of the feature
 * folders (each `src/<feature>/record-kinds.ts`). It sits at the top floor (beside the app
 * module), so the features never import it: the mechanisms below them that need the whole list
 * (the idempotent-replay re-check, the denial audit, sharing, the training loader) receive it
 * by injection (`RECORD_KINDS`, provided by `RecordKindsModule`). Adding a kind: declare it in
 * its folder and add it here (docs/architecture.md, "Adding a record kind").
 */
import { Global, Module } from '@nestjs/common';
import { checkRegistry, RECORD_KINDS, type RecordKindDecl } from './common/record-kind';
import { API_CLIENT } from './api-clients/record-kinds';
import { APPROVAL } from './approvals/record-kinds';
import { ASSESSMENT } from './assessments/record-kinds';
import { CASES_RECORD_KINDS } from './cases/record-kinds';
import { CLOSURE_PROPOSAL } from './closures/record-kinds';
import { CONFERENCE } from './conferences/record-kinds';
import { DOCUMENT } from './documents/record-kinds';
import { WEBHOOK } from './events/record-kinds';
import { FAMILIES_RECORD_KINDS } from './families/record-kinds';
import { CONTACT } from './front-door/record-kinds';
import { FAMILY_VIEW_RECORD_KINDS } from './family-view/record-kinds';
import { INDICATOR } from './indicators/record-kinds';
import { LOCAL_AUTHORITY } from './local-authorities/record-kinds';
import { PLANS_RECORD_KINDS } from './plans/record-kinds';
import { MULTI_AGENCY_RECORD_KINDS } from './multi-agency/record-kinds';
import { PROCEEDINGS_RECORD_KINDS } from './proceedings/record-kinds';
import { PARENT_REPRESENTATION } from './representation/record-kinds';
import { TEAM } from './teams/record-kinds';
import { TRAINING_RECORD_KINDS } from './training/record-kinds';
import { USER } from './users/record-kinds';

export const RECORD_KIND_REGISTRY: readonly RecordKindDecl[] = checkRegistry([
  ...CASES_RECORD_KINDS,
  ...FAMILIES_RECORD_KINDS,
  ...PLANS_RECORD_KINDS,
  ...MULTI_AGENCY_RECORD_KINDS,
  CLOSURE_PROPOSAL,
  CONFERENCE,
  ASSESSMENT,
  PARENT_REPRESENTATION,
  DOCUMENT,
  USER,
  TEAM,
  API_CLIENT,
  APPROVAL,
  LOCAL_AUTHORITY,
  WEBHOOK,
  ...TRAINING_RECORD_KINDS,
  INDICATOR,
  CONTACT,
  ...FAMILY_VIEW_RECORD_KINDS,
  ...PROCEEDINGS_RECORD_KINDS,
]);

/** Provides the registry to every module (`@Inject(RECORD_KINDS)`). */
@Global()
@Module({
  providers: [{ provide: RECORD_KINDS, useValue: RECORD_KIND_REGISTRY }],
  exports: [RECORD_KINDS],
})
export class RecordKindsModule {}
