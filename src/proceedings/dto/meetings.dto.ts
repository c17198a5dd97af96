import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import {
  GATEWAY_DECISIONS,
  PRE_PROCEEDINGS_MEETING_KINDS,
  type GatewayDecision,
  type PreProceedingsMeetingKind,
} from '../legal-gateway.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LegalGatewayDto {
  @ApiProperty({ example: '2026-01-08', description: 'Not in the future, not before the referral' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ format: 'uuid', description: 'A service_manager of the LA' })
  @IsUUID()
  chairId: string;

  @ApiProperty({ example: 'A. Patel, LA solicitor' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  legalAdviser: string;

  @ApiProperty({ enum: GATEWAY_DECISIONS, example: 'pre_proceedings' })
  @IsIn(GATEWAY_DECISIONS)
  decision: GatewayDecision;

  @ApiProperty({
    example: 'Threshold met on neglect; the parents may change with support: pre-proceedings.',
  })
  @Transform(trim)
  @IsString()
  @MinLength(20, { message: 'rationale must be at least 20 characters' })
  @MaxLength(20000)
  rationale: string;
}

export class LegalGatewayResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty({ format: 'uuid' }) chairId: string;
  @ApiProperty() legalAdviser: string;
  @ApiProperty({ enum: GATEWAY_DECISIONS }) decision: GatewayDecision;
  @ApiProperty() rationale: string;
}

export class PreProceedingsMeetingDto {
  @ApiProperty({ enum: PRE_PROCEEDINGS_MEETING_KINDS, example: 'initial' })
  @IsIn(PRE_PROCEEDINGS_MEETING_KINDS)
  kind: PreProceedingsMeetingKind;

  @ApiProperty({ example: '2026-01-20', description: 'In pre-proceedings, not in the future' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ type: [String], example: ['Mother', 'Mother’s solicitor', 'Social worker'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  attendees: string[];

  @ApiProperty({ example: true })
  @IsBoolean()
  parentsRepresented: boolean;
}

export class PreProceedingsMeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: PRE_PROCEEDINGS_MEETING_KINDS }) kind: PreProceedingsMeetingKind;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty({ type: [String] }) attendees: string[];
  @ApiProperty() parentsRepresented: boolean;
}
