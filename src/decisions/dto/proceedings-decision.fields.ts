import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { IsOmittable } from 'src/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The fields of the proceedings decisions (src/proceedings, docs/before-proceedings.md):
 * `initiate_pre_proceedings` cites its legal gateway meeting; `apply_for_care_proceedings`
 * names the court and the day it issued the application. */
export class ProceedingsDecisionFields {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'initiate_pre_proceedings only, and required (409 legal_gateway_required): the legal gateway meeting of this case that decided pre_proceedings, held on or before effectiveDate',
  })
  @IsOmittable()
  @IsUUID()
  legalGatewayId?: string;

  @ApiPropertyOptional({
    example: '2026-02-03',
    description:
      'apply_for_care_proceedings only, and required: the day the court issued the application (the 26 weeks run from it); on or after effectiveDate, not in the future',
  })
  @IsOmittable()
  @IsCalendarDate()
  issuedOn?: string;

  @ApiPropertyOptional({
    example: 'Family Court at Northshire',
    description: 'apply_for_care_proceedings only, and required',
  })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  court?: string;

  @ApiPropertyOptional({ example: 'NS27C00123', description: 'apply_for_care_proceedings only' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  courtCaseNumber?: string;
}
