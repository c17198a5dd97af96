import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const UUID_EXAMPLE = '3f1c2d9e-8a7b-4c6d-9e0f-1a2b3c4d5e6f';

export class AuditEventResponse {
  @ApiProperty({ description: 'Event id (monotonic per database)', example: '1042' })
  id: string;

  @ApiProperty({
    description: 'When, UTC, microsecond precision',
    example: '2025-03-02T09:15:27.123456Z',
  })
  at: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'User or API client id; null when anonymous',
    example: UUID_EXAMPLE,
  })
  actorId: string | null;

  @ApiProperty({ enum: ['user', 'client', 'anonymous', 'system'], example: 'user' })
  actorType: string;

  @ApiProperty({
    description:
      'What happened, e.g. case.read, decision.record; for a refusal (outcome denied), the permission that was refused',
    example: 'case.read',
  })
  action: string;

  @ApiProperty({ nullable: true, type: String, example: 'case' })
  recordType: string | null;

  @ApiProperty({ nullable: true, type: String, example: UUID_EXAMPLE })
  recordId: string | null;

  @ApiProperty({
    type: [String],
    description: 'Children whose records this touched',
    example: [UUID_EXAMPLE],
  })
  childIds: string[];

  @ApiProperty({
    enum: ['success', 'denied', 'failure', 'flagged'],
    example: 'success',
    description: 'flagged: a security event raised by Tandem itself (security.shared_creator)',
  })
  outcome: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'X-Request-Id of the request',
    example: '0b6f3c1e-2d4a-4b5c-8d9e-0f1a2b3c4d5e',
  })
  requestId: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Client IP address',
    example: '203.0.113.7',
  })
  ip: string | null;

  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      'Field-level before/after of a change: { field: { before, after } } (never secrets)',
    example: { leadPractitionerId: { before: UUID_EXAMPLE, after: UUID_EXAMPLE } },
  })
  changes: Record<string, { before: unknown; after: unknown }> | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why, where a reason was asked',
    example: null,
  })
  reason: string | null;

  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    example: { permission: 'case.update' },
  })
  metadata: Record<string, unknown> | null;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventResponse] })
  data: AuditEventResponse[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null at the end',
    example: null,
  })
  nextCursor: string | null;
}

export class AccessorSummary {
  @ApiProperty({ enum: ['user', 'client', 'anonymous', 'system'], example: 'user' })
  actorType: string;

  @ApiProperty({ nullable: true, type: String, example: UUID_EXAMPLE })
  actorId: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'User or API client name',
    example: 'Sam Patel',
  })
  actorName: string | null;

  @ApiProperty({
    type: [String],
    description: "The user's current roles (empty for API clients)",
    example: ['family_help_practitioner'],
  })
  actorRoles: string[];

  @ApiProperty({
    description:
      'How many times they accessed the records in the window (refused attempts not counted)',
    example: 12,
  })
  accessCount: number;

  @ApiProperty({
    description: 'How many of their attempts in the window were refused (outcome denied)',
    example: 0,
  })
  deniedCount: number;

  @ApiProperty({
    description: 'Their first event in the window (access or refused attempt)',
    example: '2025-03-01T08:00:00.000000Z',
  })
  firstAt: string;

  @ApiProperty({
    description: 'Their last event in the window (access or refused attempt)',
    example: '2025-03-09T16:30:00.000000Z',
  })
  lastAt: string;

  @ApiProperty({
    type: [String],
    description: 'What they did (accesses only)',
    example: ['case.read', 'family.read'],
  })
  actions: string[];

  @ApiProperty({
    type: [String],
    description: 'What they were refused',
    example: [],
  })
  deniedActions: string[];
}

export class AccessEventResponse {
  @ApiProperty({ example: '1042' })
  id: string;

  @ApiProperty({ example: '2025-03-02T09:15:27.123456Z' })
  at: string;

  @ApiProperty({ enum: ['user', 'client', 'anonymous', 'system'], example: 'user' })
  actorType: string;

  @ApiProperty({ nullable: true, type: String, example: UUID_EXAMPLE })
  actorId: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Sam Patel' })
  actorName: string | null;

  @ApiProperty({ type: [String], example: ['family_help_practitioner'] })
  actorRoles: string[];

  @ApiProperty({ example: 'case.read' })
  action: string;

  @ApiProperty({ nullable: true, type: String, example: 'case' })
  recordType: string | null;

  @ApiProperty({ nullable: true, type: String, example: UUID_EXAMPLE })
  recordId: string | null;

  @ApiProperty({
    enum: ['success', 'denied', 'failure', 'flagged'],
    example: 'success',
    description: 'flagged: a security event raised by Tandem itself (security.shared_creator)',
  })
  outcome: string;

  @ApiProperty({ nullable: true, type: String, example: '0b6f3c1e-2d4a-4b5c-8d9e-0f1a2b3c4d5e' })
  requestId: string | null;

  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' })
  ip: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: null })
  reason: string | null;
}

export class AccessReportResponse {
  @ApiProperty({ description: 'The child (person) the report is about', example: UUID_EXAMPLE })
  personId: string;

  @ApiProperty({
    type: [AccessorSummary],
    description: 'Who accessed, most recent first (whole window)',
  })
  accessors: AccessorSummary[];

  @ApiProperty({ type: [AccessEventResponse], description: 'Each access, newest first (paged)' })
  data: AccessEventResponse[];

  @ApiProperty({ nullable: true, type: String, example: null })
  nextCursor: string | null;
}

export class SecurityEventResponse extends AuditEventResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The local authority concerned; null when unknown (e.g. an unknown email)',
  })
  localAuthorityId: string | null;
}

export class SecurityEventPage {
  @ApiProperty({ type: [SecurityEventResponse] })
  data: SecurityEventResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Cursor of the next page' })
  nextCursor: string | null;
}
