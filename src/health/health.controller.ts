import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from 'src/common/can.decorator';
import { inFlight } from 'src/lifecycle/in-flight';
import { DatabaseHealthIndicator } from './database.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: DatabaseHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness (public): 200 when the database answers; 503 while it does not, or while stopping',
  })
  check() {
    if (inFlight.draining)
      throw new ServiceUnavailableException({
        status: 'error',
        error: { shutdown: { status: 'down', message: 'stopping: finishing in-flight requests' } },
      });
    return this.health.check([() => this.db.pingCheck('database', 3000)]);
  }
}
