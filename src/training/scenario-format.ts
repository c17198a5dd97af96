/**
 * The scenario file format (YAML in `seeds/scenarios/`), as a zod schema: the shape only.
 * Cross-references (a user's team, an event's case, a decision it supersedes) and date order
 * are checked in `scenario-parser.ts`; what the domain allows is checked by the services
 * themselves when the scenario loads. Reference: docs/scenarios.md.
 */
import { z } from 'zod';
import {
  AGENCIES,
  LA_ROLES,
  MACPT_AGENCIES,
  PROFESSIONS,
  STATUTORY_ROLES,
  TEAM_KINDS,
} from 'src/access/roles';
import { CENSUS_SEX_CODES, ETHNICITY_CODES } from 'src/cases/cin-codes';
import { PERSON_KINDS } from 'src/families/person.entity';
import { CASE_EVENT_SCHEMAS } from './scenario-format-cases';
import { date, key, text } from './scenario-format-common';
import { FRONT_DOOR_EVENT_SCHEMAS } from './scenario-format-front-door';
import { MULTI_AGENCY_EVENT_SCHEMAS } from './scenario-format-multi-agency';
import { PLAN_EVENT_SCHEMAS } from './scenario-format-plans';
import { PROCEEDINGS_EVENT_SCHEMAS } from './scenario-format-proceedings';

const member = z.strictObject({
  key,
  kind: z.enum(PERSON_KINDS),
  firstName: text(100),
  lastName: text(100),
  dateOfBirth: date.optional(),
  sex: z.enum(CENSUS_SEX_CODES).optional(),
  gender: text(50).optional(),
  ethnicity: z.enum(ETHNICITY_CODES).optional(),
  language: text(100).optional(),
  /** Relationship to each child of the family, by the child's key. */
  relationships: z.record(key, text(100)).optional(),
});

const networkMember = z.strictObject({
  key,
  firstName: text(100),
  lastName: text(100),
  relationship: text(100),
  dateOfBirth: date.optional(),
  contact: z
    .strictObject({
      phone: text(50).optional(),
      email: z.email().optional(),
      address: text(500).optional(),
      notes: text(2000).optional(),
    })
    .optional(),
});

/** Every event kind, by family of records (one file each). */
export const EVENT_SCHEMAS = [
  ...CASE_EVENT_SCHEMAS,
  ...PLAN_EVENT_SCHEMAS,
  ...MULTI_AGENCY_EVENT_SCHEMAS,
  ...FRONT_DOOR_EVENT_SCHEMAS,
  ...PROCEEDINGS_EVENT_SCHEMAS,
] as const;

export const EVENT_KINDS = EVENT_SCHEMAS.map((s) => s.shape.do.value);

export const scenarioSchema = z.strictObject({
  title: text(200),
  brief: z.strictObject({
    summary: text(2000),
    learningGoals: z.array(text(500)).min(1),
    /** Who logs in as whom: a user key and what the trainee does as them. */
    logins: z.array(z.strictObject({ user: key, as: text(500) })).min(1),
  }),
  localAuthority: z.strictObject({
    name: text(200),
    visitIntervalWorkingDays: z.int().min(1).max(60).optional(),
    coreGroupIntervalWeeks: z.int().min(1).max(26).optional(),
  }),
  teams: z.array(z.strictObject({ key, name: text(200), kind: z.enum(TEAM_KINDS) })).min(1),
  users: z
    .array(
      z.strictObject({
        key,
        name: text(200),
        roles: z.array(z.enum(LA_ROLES)).min(1),
        agency: z.enum(AGENCIES).optional(),
        teams: z
          .array(
            z.strictObject({
              team: key,
              profession: z.enum(PROFESSIONS),
              /** MACPT membership (a child_protection team). */
              agency: z.enum(MACPT_AGENCIES).optional(),
              statutoryRole: z.enum(STATUTORY_ROLES).optional(),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
  families: z
    .array(
      z.strictObject({
        key,
        name: text(200).optional(),
        members: z.array(member).min(1),
        network: z.array(networkMember).optional(),
      }),
    )
    .min(1),
  events: z.array(z.discriminatedUnion('do', EVENT_SCHEMAS)).min(1),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioEvent = Scenario['events'][number];
export type EventOf<K extends ScenarioEvent['do']> = Extract<ScenarioEvent, { do: K }>;
