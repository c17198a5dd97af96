import { Module } from '@nestjs/common';
import { AuthModule } from 'src/auth/auth.module';
import { ApiClientController } from './api-client.controller';
import { ApiClientService } from './api-client.service';

@Module({
  imports: [AuthModule],
  controllers: [ApiClientController],
  providers: [ApiClientService],
})
export class ApiClientModule {}
