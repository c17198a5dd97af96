import { Module } from '@nestjs/common';
import { FgdmDutyRepository } from './fgdm-duty.repository';
import { FgdmDutyService } from './fgdm-duty.service';
import { FgdmReferralService } from './fgdm-referral.service';
import { LegalGatewayRepository } from './legal-gateway.repository';
import { ParentalResponsibilityController } from './parental-responsibility.controller';
import { ParentalResponsibilityRepository } from './parental-responsibility.repository';
import { ParentalResponsibilityService } from './parental-responsibility.service';
import { ProceedingsChecks } from './proceedings-checks.service';
import { ProceedingsController } from './proceedings.controller';
import { ProceedingsService } from './proceedings.service';

/** Before proceedings (docs/before-proceedings.md): parental responsibility, the FGDM duty,
 * legal gateway and pre-proceedings meetings; `ProceedingsChecks` for the letter and the
 * decisions. */
@Module({
  controllers: [ParentalResponsibilityController, ProceedingsController],
  providers: [
    ParentalResponsibilityService,
    ParentalResponsibilityRepository,
    FgdmDutyRepository,
    FgdmDutyService,
    FgdmReferralService,
    LegalGatewayRepository,
    ProceedingsService,
    ProceedingsChecks,
  ],
  exports: [ProceedingsChecks],
})
export class ProceedingsModule {}
