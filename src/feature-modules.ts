import type { Type } from '@nestjs/common';
import { AccessModule } from './access/access.module';
import { CaseCoreModule } from './cases/case-core.module';
import { EventsCoreModule } from './events/events-core.module';
import { EventsModule } from './events/events.module';
import { ExportModule } from './exports/export.module';
import { FamilyModule } from './families/family.module';
import { CaseModule } from './cases/case.module';
import { AuditViewsModule } from './audit/audit-views.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { DecisionModule } from './decisions/decision.module';
import { CoWorkingModule } from './co-working/co-working.module';
import { ClosureModule } from './closures/closure.module';
import { ConferenceModule } from './conferences/conference.module';
import { ActivityModule } from './activities/activity.module';
import { TimescaleModule } from './timescales/timescale.module';
import { IndicatorModule } from './indicators/indicator.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { TrainingModule } from './training/training.module';
import { PlansModule } from './plans/plans.module';
import { DocumentModule } from './documents/document.module';
import { AssessmentModule } from './assessments/assessment.module';
import { RepresentationModule } from './representation/representation.module';
import { MultiAgencyModule } from './multi-agency/multi-agency.module';
import { FrontDoorModule } from './front-door/front-door.module';
import { FamilyViewModule } from './family-view/family-view.module';
import { ProceedingsModule } from './proceedings/proceedings.module';

/** Domain feature modules (families, cases, decisions, timescales, plans, audit views,
 * training), registered here so AppModule stays the foundation. */
export const FEATURE_MODULES: Type<unknown>[] = [
  AuditViewsModule,
  IdempotencyModule,
  AccessModule,
  EventsCoreModule,
  CaseCoreModule,
  FamilyModule,
  CaseModule,
  DecisionModule,
  CoWorkingModule,
  ClosureModule,
  ConferenceModule,
  ActivityModule,
  TimescaleModule,
  IndicatorModule,
  EvaluationModule,
  TrainingModule,
  PlansModule,
  EventsModule,
  ExportModule,
  DocumentModule,
  AssessmentModule,
  RepresentationModule,
  MultiAgencyModule,
  FrontDoorModule,
  FamilyViewModule,
  ProceedingsModule,
];
