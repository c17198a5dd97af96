import { PersonController } from './person.controller';
import { PersonIdentifiersService } from './person-identifiers.service';
import { PersonCensusService } from './person-census.service';
import { PersonRepository } from './person.repository';
import { Module } from '@nestjs/common';
import { FamilyController } from './family.controller';
import { FamilyRepository } from './family.repository';
import { FamilyService } from './family.service';

@Module({
  controllers: [FamilyController, PersonController],
  providers: [
    FamilyService,
    FamilyRepository,
    PersonIdentifiersService,
    PersonCensusService,
    PersonRepository,
  ],
  exports: [FamilyRepository],
})
export class FamilyModule {}
