import { Module } from '@nestjs/common';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseOpening } from './case-opening.service';
import { CaseQueryRepository } from './case-query.repository';
import { CaseController } from './case.controller';
import { CaseService } from './case.service';
import { ChildCasesController } from './child-cases.controller';
import { CaseChildController } from './children/case-child.controller';
import { CaseChildRepository } from './children/case-child.repository';
import { CaseChildService } from './children/case-child.service';
import { NoteController } from './notes/note.controller';
import { NoteRepository } from './notes/note.repository';
import { NoteService } from './notes/note.service';
import { PlanController } from './plan/plan.controller';
import { PlanRepository } from './plan/plan.repository';
import { PlanService } from './plan/plan.service';

/** Cases: the continuous record, its notes, Family Help plan, closing and reopening.
 * TimelineService and CaseRepository come from the global CaseCoreModule. */
@Module({
  controllers: [
    CaseController,
    ChildCasesController,
    CaseChildController,
    NoteController,
    PlanController,
  ],
  providers: [
    CaseService,
    CaseLifecycleService,
    CaseOpening,
    CaseQueryRepository,
    NoteService,
    NoteRepository,
    PlanService,
    PlanRepository,
    CaseChildService,
    CaseChildRepository,
  ],
  exports: [CaseQueryRepository, CaseLifecycleService, CaseOpening],
})
export class CaseModule {}
