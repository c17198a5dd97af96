import { Global, Module } from '@nestjs/common';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { CaseRepository } from './case.repository';
import { TimelineService } from './timeline.service';

/** What other feature modules share about cases: the timeline writer, the case row's stage
 * and version writes, and the case-history loader. Global, so decisions/concerns/plans need no import. */
@Global()
@Module({
  providers: [TimelineService, CaseRepository, CaseHistoryRepository],
  exports: [TimelineService, CaseRepository, CaseHistoryRepository],
})
export class CaseCoreModule {}
