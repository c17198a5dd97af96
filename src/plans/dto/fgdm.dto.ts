import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from 'src/common/validation';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { PlanChildResponse, trim } from './common.dto';

export class ProfessionalAttendeeDto {
  @ApiProperty({ example: 'Priya Shah' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'school designated safeguarding lead' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  role: string;
}

export class FgdmAttendeesDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['5b0c3f1e-8a2d-4c7b-9e61-2f4a8d9c1b07'],
    description: 'Family members (person ids)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  familyMemberIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['5b0c3f1e-8a2d-4c7b-9e61-2f4a8d9c1b07'],
    description: 'Wider family and friends (family network member ids)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  networkMemberIds?: string[];

  @ApiPropertyOptional({ type: [ProfessionalAttendeeDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProfessionalAttendeeDto)
  professionals?: ProfessionalAttendeeDto[];
}

export class FamilyPlanItemDto {
  @ApiProperty({ example: 'Grandmother collects Jay from school on weekdays' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({ example: 'Grandmother' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  who?: string;

  @ApiPropertyOptional({ example: 'weekdays from 3pm' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  when?: string;
}

export class RecordFgdmMeetingDto {
  @ApiProperty({ example: '2026-01-20', description: 'The date the meeting was held' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: 'Sam Okoro (independent FGDM coordinator)' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  coordinator: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['5b0c3f1e-8a2d-4c7b-9e61-2f4a8d9c1b07'],
    description: 'The children of the case the meeting was about (default: all of them)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds?: string[];

  @ApiProperty({ type: FgdmAttendeesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FgdmAttendeesDto)
  attendees: FgdmAttendeesDto;

  @ApiPropertyOptional({ example: 'We will look after Jay together while mum is in hospital.' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(20000)
  familyPlan?: string;

  @ApiPropertyOptional({ type: [FamilyPlanItemDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FamilyPlanItemDto)
  familyPlanItems?: FamilyPlanItemDto[];
}

class ProfessionalResponse {
  @ApiProperty({ example: 'Priya Shah' }) name: string;
  @ApiProperty({ example: 'school DSL' }) role: string;
}

class NamedAttendeeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Grace Okoro',
    description: "The person's display name, looked up in the meeting's own local authority",
  })
  name: string | null;
}

class AttendeesResponse {
  @ApiProperty({ type: [String], format: 'uuid' }) familyMemberIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) networkMemberIds: string[];
  @ApiProperty({
    type: [NamedAttendeeResponse],
    description: 'The family members who attended (familyMemberIds, same order), with their names',
  })
  familyMembers: NamedAttendeeResponse[];
  @ApiProperty({
    type: [NamedAttendeeResponse],
    description:
      'The wider family and friends who attended (networkMemberIds, same order), with their names',
  })
  networkMembers: NamedAttendeeResponse[];
  @ApiProperty({ type: [ProfessionalResponse] }) professionals: ProfessionalResponse[];
}

class FamilyPlanItemResponse {
  @ApiProperty({ example: 'Grandmother collects Jay from school' }) description: string;
  @ApiPropertyOptional({ example: 'Grandmother' }) who?: string;
  @ApiPropertyOptional({ example: 'weekdays' }) when?: string;
}

/** A partner's view: the meeting's own content, the children's names and dates of birth; who
 * of the family attended is given as counts only. */
export class PartnerFgdmMeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['fgdm_meeting'] }) recordType: 'fgdm_meeting';
  @ApiProperty({ type: [PlanChildResponse] }) children: PlanChildResponse[];
  @ApiProperty({ example: '2026-01-20' }) date: string;
  @ApiProperty({ example: 'Sam Okoro' }) coordinator: string;
  @ApiProperty({ example: 3 }) familyAttendeeCount: number;
  @ApiProperty({ example: 2 }) networkAttendeeCount: number;
  @ApiProperty({ type: [ProfessionalResponse] }) professionals: ProfessionalResponse[];
  @ApiProperty({ nullable: true, type: String }) familyPlan: string | null;
  @ApiProperty({ type: [FamilyPlanItemResponse] }) familyPlanItems: FamilyPlanItemResponse[];
}

export class FgdmMeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) childIds: string[];
  @ApiProperty({ type: [PlanChildResponse] }) children: PlanChildResponse[];
  @ApiProperty({ example: '2026-01-20' }) date: string;
  @ApiProperty({ example: 'Sam Okoro' }) coordinator: string;
  @ApiProperty({ type: AttendeesResponse }) attendees: AttendeesResponse;
  @ApiProperty({ nullable: true, type: String }) familyPlan: string | null;
  @ApiProperty({ type: [FamilyPlanItemResponse] }) familyPlanItems: FamilyPlanItemResponse[];
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who recorded the meeting (recordedById), looked up in the meeting's own local authority",
  })
  recordedByName: string | null;
  @ApiProperty({ example: '2026-01-20T15:00:00.000Z' }) recordedAt: string;
}
