import { Global, Module } from '@nestjs/common';
import { CaseRepository } from './case.repository';
import { TimelineService } from './timeline.service';

/** What other feature modules share about cases: the timeline writer and the case row's
 * locking and stage queries. Global, so decisions/concerns/plans need no import. */
@Global()
@Module({
  providers: [TimelineService, CaseRepository],
  exports: [TimelineService, CaseRepository],
})
export class CaseCoreModule {}
