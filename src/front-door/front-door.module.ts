import { MultiAgencyModule } from 'src/multi-agency/multi-agency.module';
import { Module } from '@nestjs/common';
import { CaseModule } from 'src/cases/case.module';
import { ContactCaseService } from './contact-case.service';
import { ContactController } from './contact.controller';
import { ContactDecisionService } from './contact-decision.service';
import { ContactEffects } from './contact-effects.service';
import { ContactGate } from './contact-gate.service';
import { ContactIntakeService } from './contact-intake.service';
import { ContactMatchingService } from './contact-matching.service';
import { ContactReferralService } from './contact-referral.service';
import { ContactRepository } from './contact.repository';
import { ContactService } from './contact.service';
import { FrontDoorIndicatorsService } from './front-door-indicators.service';

/** The front door: contacts, matching, decisions within a working day (docs/front-door.md). */
@Module({
  imports: [MultiAgencyModule, CaseModule],
  controllers: [ContactController],
  providers: [
    ContactService,
    ContactCaseService,
    ContactDecisionService,
    ContactEffects,
    ContactGate,
    ContactIntakeService,
    ContactMatchingService,
    ContactReferralService,
    ContactRepository,
    FrontDoorIndicatorsService,
  ],
})
export class FrontDoorModule {}
