import { Module } from '@nestjs/common';
import { ContactController } from './contact.controller';
import { ContactMatchingService } from './contact-matching.service';
import { ContactReferralService } from './contact-referral.service';
import { ContactRepository } from './contact.repository';
import { ContactService } from './contact.service';
import { FrontDoorIndicatorsService } from './front-door-indicators.service';

/** The front door: contacts, matching, decisions within a working day (docs/front-door.md). */
@Module({
  controllers: [ContactController],
  providers: [
    ContactService,
    ContactMatchingService,
    ContactReferralService,
    ContactRepository,
    FrontDoorIndicatorsService,
  ],
})
export class FrontDoorModule {}
