/**
 * The OpenAPI examples of the practice records (caseload views, documents, assessments,
 * representation, sessions) are present and valid: each matches its declared type, format and
 * enum, and a request body assembled from a DTO's examples passes that DTO's own validation.
 * (openapi.json is checked for freshness by test/routes.e2e-spec.ts.)
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CompleteAssessmentRecordDto,
  StartAssessmentDto,
} from 'src/assessments/dto/assessment.dto';
import { RefreshDto } from 'src/auth/dto/login.dto';
import {
  CreateRepresentationDto,
  LetterBeforeProceedingsDto,
  UpdateRepresentationDto,
} from 'src/representation/dto/representation.dto';

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  $ref?: string;
  allOf?: Schema[];
}

const doc = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};
const schemas = doc.components.schemas;

const RESPONSES = [
  'CaseResponse',
  'CaseChildResponse',
  'CaseChildPlanResponse',
  'PersonNameResponse',
  'NextTimescaleResponse',
  'DocumentResponse',
  'AttachedToResponse',
  'AssessmentResponse',
  'RepresentationResponseDto',
  'LetterResponse',
  'RefreshResponse',
  'LoginResponse',
];
const REQUESTS = {
  StartAssessmentDto,
  CompleteAssessmentRecordDto,
  CreateRepresentationDto,
  UpdateRepresentationDto,
  LetterBeforeProceedingsDto,
  RefreshDto,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function problems(value: unknown, s: Schema): string[] {
  if (value === null) return s.nullable ? [] : ['null but not nullable'];
  if (s.type === 'array')
    return Array.isArray(value)
      ? value.flatMap((v) => problems(v, s.items ?? {}))
      : ['not an array'];
  const out: string[] = [];
  const types: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    number: (v) => typeof v === 'number',
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === 'boolean',
  };
  if (s.type && types[s.type] && !types[s.type](value)) out.push(`not a ${s.type}`);
  if (s.enum && !s.enum.includes(value)) out.push(`not one of ${s.enum.join(', ')}`);
  if (s.format === 'uuid' && !UUID.test(String(value))) out.push('not a uuid');
  if (s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) out.push('not a date');
  if (s.format === 'date-time' && Number.isNaN(Date.parse(String(value))))
    out.push('not a date-time');
  return out;
}

describe('OpenAPI examples of the practice records', () => {
  it.each([...RESPONSES, ...Object.keys(REQUESTS)])(
    '%s: every property has an example that fits its schema',
    (name) => {
      const schema = schemas[name];
      expect(schema).toBeDefined();
      const bad: string[] = [];
      for (const [prop, s] of Object.entries(schema.properties ?? {})) {
        if (s.$ref || s.allOf || s.items?.$ref) continue;
        if (!('example' in s)) {
          bad.push(`${prop}: no example`);
          continue;
        }
        bad.push(...problems(s.example, s).map((p) => `${prop}: ${p}`));
      }
      expect(bad).toEqual([]);
    },
  );

  it.each(Object.entries(REQUESTS))(
    '%s: a body made of its examples passes its own validation',
    (name, dto) => {
      const body = Object.fromEntries(
        Object.entries(schemas[name].properties ?? {}).map(([k, s]) => [k, s.example]),
      );
      const errors = validateSync(plainToInstance(dto as new () => object, body), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      expect(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {})}`)).toEqual([]);
    },
  );
});
