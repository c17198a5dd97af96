import { Module } from '@nestjs/common';
import { AuthModule } from 'src/auth/auth.module';
import { FamilyAccessService } from './family-access.service';
import { FamilyMeController } from './family-me.controller';
import { FamilyMeService } from './family-me.service';
import { FamilySummaryService } from './family-summary.service';
import { FamilyViewIndicatorsService } from './family-view-indicators';
import { FamilyViewStaffController } from './family-view-staff.controller';
import { FamilyAccessRepository } from './family-access.repository';
import { FamilySummaryRepository } from './family-summary.repository';
import { FamilyViewIndicatorRepository } from './family-view-indicators.repository';

/** The family's own view of its plan (docs/family-view.md). */
@Module({
  imports: [AuthModule],
  controllers: [FamilyViewStaffController, FamilyMeController],
  providers: [
    FamilyAccessRepository,
    FamilySummaryRepository,
    FamilyViewIndicatorRepository,
    FamilyAccessService,
    FamilySummaryService,
    FamilyMeService,
    FamilyViewIndicatorsService,
  ],
})
export class FamilyViewModule {}
