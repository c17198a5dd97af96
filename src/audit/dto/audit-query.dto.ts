import { ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';

/** ISO 8601 timestamp with an explicit zone (`Z` or ±hh:mm), years 1900–2099 (the calendar
 * range every Tandem date input shares). */
export const ISO_TIMESTAMP =
  /^(19\d\d|20\d\d)-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const TIMESTAMP_MESSAGE = 'must be an ISO 8601 timestamp with a zone, e.g. 2026-03-01T00:00:00Z';

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
    description: 'Events at or after this instant (ISO 8601 with zone)',
    example: '2026-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_TIMESTAMP, { message: `from ${TIMESTAMP_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `from ${TIMESTAMP_MESSAGE}` })
  from?: string;

  @ApiPropertyOptional({
    description: 'Events at or before this instant (ISO 8601 with zone); not before `from`',
    example: '2026-03-31T23:59:59Z',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_TIMESTAMP, { message: `to ${TIMESTAMP_MESSAGE}` })
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
    enum: ['auth.login', 'auth.token', 'auth.token_rejected', 'auth.throttled', 'user.email_clash'],
    description:
      'auth.login / auth.token: failed sign-ins (unknown accounts included); ' +
      'auth.token_rejected: forged, expired or revoked bearer tokens (401); ' +
      'auth.throttled: refused sign-in attempts (429); ' +
      "user.email_clash: an LA admin tried to create an account with another LA's email",
    example: 'auth.token_rejected',
  })
  @IsOptional()
  @IsIn(['auth.login', 'auth.token', 'auth.token_rejected', 'auth.throttled', 'user.email_clash'])
  action?: string;
}
