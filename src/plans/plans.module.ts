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
import { PartnersController } from './partners.controller';
import { PlanAccessService } from './plan-access.service';
import { SharingController } from './sharing.controller';
import { SharingRepository } from './sharing.repository';
import { SharingService } from './sharing.service';

/** FGDM meetings, Family Network Plans, Child Community Safety Plans and partner sharing. */
@Module({
  imports: [DecisionModule],
  controllers: [
    FgdmController,
    FamilyNetworkPlanController,
    CommunitySafetyPlanController,
    PartnersController,
    SharingController,
  ],
  providers: [
    PlanAccessService,
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
    SharingRepository,
    SharingService,
  ],
})
export class PlansModule {}
