import { Module } from '@nestjs/common';
import { PartnersController } from './partners.controller';
import { PlanAccessService } from './plan-access.service';
import { SharingController } from './sharing.controller';
import { SharingRepository } from './sharing.repository';
import { SharingService } from './sharing.service';

/**
 * Sharing a record by name with a partner agency user (information-sharing records): the
 * `/partners` routes of every record kind partners may be named on (the kinds whose
 * declaration has a `sharing` block), the information-sharing list, a partner's own list, and
 * the door to the gate for such records (`PlanAccessService`). Knows the kinds only through
 * the registry, so the features that own them (plans) import this room, never the reverse.
 */
@Module({
  controllers: [PartnersController, SharingController],
  providers: [PlanAccessService, SharingRepository, SharingService],
  exports: [PlanAccessService, SharingRepository, SharingService],
})
export class SharingModule {}
