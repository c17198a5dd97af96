import { Module } from '@nestjs/common';
import { ProceedingsModule } from 'src/proceedings/proceedings.module';
import { RepresentationController } from './representation.controller';
import { RepresentationRepository } from './representation.repository';
import { RepresentationService } from './representation.service';

/** Parental representation and letters before proceedings. */
@Module({
  imports: [ProceedingsModule],
  controllers: [RepresentationController],
  providers: [RepresentationService, RepresentationRepository],
})
export class RepresentationModule {}
