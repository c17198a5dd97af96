import { Module } from '@nestjs/common';
import { DecisionModule } from 'src/decisions/decision.module';
import { CommunitySafetyPlanController } from './community-safety-plan.controller';
import { CommunitySafetyPlanRepository } from './community-safety-plan.repository';
import { CommunitySafetyPlanWorkService } from './community-safety-plan-work.service';
import { CommunitySafetyPlanService } from './community-safety-plan.service';
import { CspViews } from './community-safety-plan.views';
import { FamilyNetworkPlanController } from './family-network-plan.controller';
import { FamilyNetworkPlanRepository } from './family-network-plan.repository';
import { FamilyNetworkPlanLifecycleService } from './family-network-plan-lifecycle.service';
import { FamilyNetworkPlanService } from './family-network-plan.service';
import { FnpViews } from './family-network-plan.views';
import { FgdmController } from './fgdm.controller';
import { FgdmRepository } from './fgdm.repository';
import { FgdmService } from './fgdm.service';
import { SharingModule } from 'src/sharing/sharing.module';

/** FGDM meetings, Family Network Plans and Child Community Safety Plans (partner sharing is
 * its own room, src/sharing, imported here). */
@Module({
  imports: [DecisionModule, SharingModule],
  controllers: [FgdmController, FamilyNetworkPlanController, CommunitySafetyPlanController],
  providers: [
    FgdmRepository,
    FgdmService,
    FamilyNetworkPlanRepository,
    FamilyNetworkPlanService,
    FamilyNetworkPlanLifecycleService,
    FnpViews,
    CommunitySafetyPlanRepository,
    CommunitySafetyPlanService,
    CommunitySafetyPlanWorkService,
    CspViews,
  ],
})
export class PlansModule {}
