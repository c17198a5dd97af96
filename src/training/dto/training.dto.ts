import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { LA_ROLES, type Role } from 'src/access/roles';
import { SANDBOX_CODE, SANDBOX_CODE_RULE } from 'src/common/sandbox-code';

export class ScenarioLoginHint {
  @ApiProperty({
    example: 'practitioner',
    description: "A user key of the scenario (the login's local part)",
  })
  user: string;

  @ApiProperty({ example: 'the Family Help lead practitioner: record the overdue visit' })
  as: string;
}

export class ScenarioBriefResponse {
  @ApiProperty({ example: 'Escalation to child protection with ECPP co-working' })
  summary: string;

  @ApiProperty({ type: [String], example: ['Record a concern of significant harm'] })
  learningGoals: string[];

  @ApiProperty({ type: [ScenarioLoginHint], description: 'Who logs in as whom' })
  logins: ScenarioLoginHint[];
}

export class ScenarioResponse {
  @ApiProperty({ example: 'escalation-to-cp', description: 'The file name in seeds/scenarios/' })
  name: string;

  @ApiProperty({ example: 'Escalation to child protection' })
  title: string;

  @ApiProperty({ type: ScenarioBriefResponse })
  brief: ScenarioBriefResponse;

  @ApiProperty({ example: 24, description: 'How many dated events the scenario records' })
  events: number;
}

export class ScenarioProblemResponse {
  @ApiProperty({
    example: 'events[3].children[0]',
    description: "Path inside the file ('' for the whole file)",
  })
  path: string;

  @ApiProperty({
    example: 41,
    type: Number,
    nullable: true,
    description: 'Line in the file, when known',
  })
  line: number | null;

  @ApiProperty({ example: '"sam" is not a child of case "hale-case"' })
  message: string;
}

export class InvalidScenarioResponse {
  @ApiProperty({ example: 'late-icpc', description: 'The file name without .yaml' })
  name: string;

  @ApiProperty({ example: 'seeds/scenarios/late-icpc.yaml' })
  file: string;

  @ApiProperty({ type: [ScenarioProblemResponse] })
  problems: ScenarioProblemResponse[];
}

export class ScenarioListResponse {
  @ApiProperty({ type: [ScenarioResponse], description: 'The scenarios that validate (loadable)' })
  data: ScenarioResponse[];

  @ApiProperty({
    type: [InvalidScenarioResponse],
    description:
      'Files in the scenarios folder that do not validate, each with its problems (file, line, path, message); loading one is a 422',
  })
  invalid: InvalidScenarioResponse[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: null;
}

export class CreateRunDto {
  @ApiPropertyOptional({
    example: 'SBX-TRAIN-APRIL',
    description:
      "The sandbox local authority's code, in the sandbox namespace: SBX- then 1–28 of A–Z, 0–9, _ and - (default: generated, SBX-xxxxxxxx). A real LA's code is refused.",
    pattern: '^SBX-[A-Z0-9_-]{1,28}$',
  })
  @IsOptional()
  @Matches(SANDBOX_CODE, { message: `laCode ${SANDBOX_CODE_RULE}` })
  laCode?: string;
}

export class RunLoginResponse {
  @ApiProperty({ example: 'practitioner@sbx-1a2b3c4d.training.invalid' })
  email: string;

  @ApiProperty({ example: 'Priya Nair' })
  name: string;

  @ApiProperty({ enum: LA_ROLES, isArray: true, example: ['family_help_practitioner'] })
  roles: Role[];

  @ApiProperty({ example: 'q3v8H1-Zk2pW0xYc', description: 'Generated; shown once, never stored' })
  password: string;
}

export class CreatedRunResponse {
  @ApiProperty({ format: 'uuid' })
  runId: string;

  @ApiProperty({ example: 'escalation-to-cp' })
  scenario: string;

  @ApiProperty({ format: 'uuid', description: 'The sandbox local authority' })
  localAuthorityId: string;

  @ApiProperty({ example: 'SBX-1A2B3C4D' })
  code: string;

  @ApiProperty({ type: [RunLoginResponse] })
  users: RunLoginResponse[];
}

export class RunResponse {
  @ApiProperty({ format: 'uuid' })
  runId: string;

  @ApiProperty({ example: 'escalation-to-cp' })
  scenario: string;

  @ApiProperty({ format: 'uuid' })
  localAuthorityId: string;

  @ApiProperty({ example: 'SBX-1A2B3C4D' })
  code: string;

  @ApiProperty({ example: 'Lindenshire (training)' })
  name: string;

  @ApiProperty({ example: '2025-11-30T22:00:00.000Z' })
  createdAt: string;
}

export class RunListResponse {
  @ApiProperty({ type: [RunResponse] })
  data: RunResponse[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: null;
}

export class DeletedRunResponse {
  @ApiProperty({ format: 'uuid' })
  runId: string;

  @ApiProperty({
    description: 'Rows removed per table (the purge is recorded in the platform audit)',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { audit_event: 120, case_event: 30, local_authority: 1 },
  })
  rows: Record<string, number>;
}
