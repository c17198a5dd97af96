import { Module } from '@nestjs/common';
import { CoWorkingController } from './co-working.controller';
import { CoWorkingRepository } from './co-working.repository';
import { CoWorkingReadService } from './co-working-read.service';
import { CoWorkingService } from './co-working.service';

/** Concerns of significant harm and ECPP co-worker assignment. */
@Module({
  controllers: [CoWorkingController],
  providers: [CoWorkingService, CoWorkingReadService, CoWorkingRepository],
})
export class CoWorkingModule {}
