import { ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SECURITY_ACTIONS } from 'src/audit/audit-query.repository';
import { PageQueryDto } from 'src/common/pagination';

/** ISO 8601 timestamp with an explicit zone (`Z` or ±hh:mm), years 1900–2099 (the calendar
 * range every Tandem date input shares). */
export const ISO_TIMESTAMP =
  /^(19\d\d|20\d\d)-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const TIMESTAMP_MESSAGE =
  'must be a date (YYYY-MM-DD, a day in England) or an ISO 8601 timestamp with a zone, e.g. 2026-03-01T00:00:00Z';
/** A calendar date (a day in England) or an ISO 8601 timestamp with a zone. */
export const DATE_OR_TIMESTAMP = new RegExp(
  `^(19\\d\\d|20\\d\\d)-\\d{2}-\\d{2}$|${ISO_TIMESTAMP.source}`,
);

export const AUDIT_ORDERS = ['asc', 'desc'] as const;

/** Filters shared by the audit list and its CSV export. */
export class AuditFilterDto {
  @ApiPropertyOptional({
    description: 'Only events about this record (case, family, plan, decision, user…)',
    example: '3f1c2d9e-8a7b-4c6d-9e0f-1a2b3c4d5e6f',
  })
  @IsOptional()
  @IsUUID()
  recordId?: string;

  @ApiPropertyOptional({
    description:
      'Everything recorded on this case and its sub-records (notes, concerns, co-workers, ' +
      'decisions, meetings, visits, plans…): reads, changes and denials',
    example: '0b6f4a3e-2c1d-4e5f-9a8b-7c6d5e4f3a2b',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    description: 'Only events that concern this child (reads and changes of their records)',
    example: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  })
  @IsOptional()
  @IsUUID()
  childId?: string;

  @ApiPropertyOptional({
    description: 'Only events by this user or API client',
    example: '8b2e4f6a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
  })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    description:
      'Only this action, e.g. case.read, decision.record (a refusal carries the refused permission as its action, with outcome denied)',
    example: 'case.read',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.-]+$/, { message: 'action must be an action name such as case.read' })
  action?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'true: only privileged events (accounts created, roles or active flag changed, team ' +
      'memberships added); false: only the others',
    example: 'true',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  privileged?: 'true' | 'false';

  @ApiPropertyOptional({
    description:
      'Events at or after this instant (ISO 8601 with zone), or from the start of this day ' +
      '(YYYY-MM-DD, midnight in England)',
    example: '2025-03-01',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_OR_TIMESTAMP, { message: `from ${TIMESTAMP_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `from ${TIMESTAMP_MESSAGE}` })
  from?: string;

  @ApiPropertyOptional({
    description:
      'Events at or before this instant (ISO 8601 with zone), or up to the end of this day ' +
      '(YYYY-MM-DD, a day in England); not before `from`',
    example: '2025-03-31T23:59:59Z',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_OR_TIMESTAMP, { message: `to ${TIMESTAMP_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `to ${TIMESTAMP_MESSAGE}` })
  to?: string;
}

export class ListAuditEventsQueryDto extends IntersectionType(AuditFilterDto, PageQueryDto) {
  @ApiPropertyOptional({
    enum: AUDIT_ORDERS,
    default: 'desc',
    description: 'desc: newest first (default); asc: oldest first',
    example: 'desc',
  })
  @IsOptional()
  @IsIn(AUDIT_ORDERS)
  order?: (typeof AUDIT_ORDERS)[number];
}

export class ExportAuditEventsQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({
    enum: AUDIT_ORDERS,
    default: 'asc',
    description: 'asc: oldest first (default); desc: newest first',
    example: 'asc',
  })
  @IsOptional()
  @IsIn(AUDIT_ORDERS)
  order?: (typeof AUDIT_ORDERS)[number];
}

/** The child access report: a time window and a page of events. */
export class AccessReportQueryDto extends IntersectionType(
  PickType(AuditFilterDto, ['from', 'to'] as const),
  PageQueryDto,
) {}

/** Platform admin's security events: action and time window only. */
export class SecurityEventsQueryDto extends IntersectionType(
  PickType(AuditFilterDto, ['from', 'to'] as const),
  PageQueryDto,
) {
  @ApiPropertyOptional({
    enum: SECURITY_ACTIONS,
    description:
      'auth.login / auth.token: failed sign-ins (unknown accounts included); ' +
      'auth.token_rejected: forged, expired or revoked bearer tokens (401); ' +
      'auth.throttled: refused sign-in attempts (429), and a caller past its rate limit (scope caller, once per window); ' +
      "user.email_clash: an LA admin tried to create an account with another LA's email; " +
      'security.shared_creator: accounts created by one LA administrator wrote to the same case within 30 days of their creation (outcome flagged)',
    example: 'auth.token_rejected',
  })
  @IsOptional()
  @IsIn(SECURITY_ACTIONS)
  action?: string;
}
