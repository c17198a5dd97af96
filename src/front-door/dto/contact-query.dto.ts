import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import { IsDateOnly } from 'src/families/dto/validators';
import {
  CONTACT_OUTCOMES,
  CONTACT_STATUSES,
  type ContactOutcome,
  type ContactStatus,
} from '../contact-rules';

export class ContactQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONTACT_STATUSES })
  @IsOptional()
  @IsIn(CONTACT_STATUSES)
  status?: ContactStatus;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only undecided contacts past their due date',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: CONTACT_OUTCOMES })
  @IsOptional()
  @IsIn(CONTACT_OUTCOMES)
  outcome?: ContactOutcome;
}

export class FrontDoorIndicatorQueryDto {
  @ApiPropertyOptional({ example: '2025-12-07', description: 'Default: a year before `to`' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-06', description: 'Default: today' })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}
