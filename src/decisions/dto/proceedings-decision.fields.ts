import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  CARE_PROCEEDINGS_ORDERS,
  type CareProceedingsOrder,
  PRE_PROCEEDINGS_OUTCOMES,
  type PreProceedingsOutcome,
} from 'src/case-history/case-types';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { IsOmittable } from 'src/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The fields of the proceedings decisions (src/proceedings, docs/before-proceedings.md):
 * `initiate_pre_proceedings` cites its legal gateway meeting; `apply_for_care_proceedings`
 * names the court and the day it issued the application; `end_pre_proceedings` says how
 * pre-proceedings ended; `conclude_care_proceedings` lists the orders made. */
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

  @ApiPropertyOptional({
    enum: PRE_PROCEEDINGS_OUTCOMES,
    description:
      'end_pre_proceedings only, and required: how pre-proceedings ended without an application',
  })
  @IsOmittable()
  @IsIn(PRE_PROCEEDINGS_OUTCOMES)
  outcome?: PreProceedingsOutcome;

  @ApiPropertyOptional({
    example: '2026-04-20',
    description:
      'conclude_care_proceedings only, and required: the day the court made its final orders; on or after the application was issued, on or before effectiveDate',
  })
  @IsOmittable()
  @IsCalendarDate()
  concludedOn?: string;

  @ApiPropertyOptional({
    enum: CARE_PROCEEDINGS_ORDERS,
    isArray: true,
    example: ['special_guardianship_order'],
    description:
      'conclude_care_proceedings only, and required: the final orders made (no_order alone when none; withdrawn alone when the application was withdrawn)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CARE_PROCEEDINGS_ORDERS.length)
  @ArrayUnique()
  @IsIn(CARE_PROCEEDINGS_ORDERS, { each: true })
  orders?: CareProceedingsOrder[];
}
