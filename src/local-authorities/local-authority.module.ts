import { Module } from '@nestjs/common';
import { LocalAuthorityController } from './local-authority.controller';
import { LocalAuthorityService } from './local-authority.service';

@Module({
  controllers: [LocalAuthorityController],
  providers: [LocalAuthorityService],
  exports: [LocalAuthorityService],
})
export class LocalAuthorityModule {}
