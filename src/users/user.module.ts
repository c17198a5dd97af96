import { Module } from '@nestjs/common';
import { ApprovalModule } from 'src/approvals/approval.module';
import { AuthModule } from 'src/auth/auth.module';
import { PeopleLookupRepository } from './people-lookup.repository';
import { PeopleLookupService } from './people-lookup.service';
import { PeopleController } from './people.controller';
import { UserChangeService } from './user-change.service';
import { UserController } from './user.controller';
import { UserService } from './user.service';

@Module({
  imports: [AuthModule, ApprovalModule],
  controllers: [UserController, PeopleController],
  providers: [UserService, UserChangeService, PeopleLookupService, PeopleLookupRepository],
  exports: [UserService],
})
export class UserModule {}
