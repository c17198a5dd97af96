import { Module } from '@nestjs/common';
import { CaseModule } from 'src/cases/case.module';
import { ClosureController } from './closure.controller';
import { ClosureRepository } from './closure.repository';
import { ClosureService } from './closure.service';

/** Closure with authority: proposals, a manager's authorisation, the ECPP's agreement. */
@Module({
  imports: [CaseModule],
  controllers: [ClosureController],
  providers: [ClosureService, ClosureRepository],
})
export class ClosureModule {}
