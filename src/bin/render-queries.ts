import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { caseReadStatement } from '../access/case-read-statement';
import { CaseFactsRepository } from '../access/case-facts.repository';
import type { Role } from '../access/roles';
import {
  CaseQueryRepository,
  CASE_READ_AUDIT,
  CASE_RESPONSE_COLUMNS,
} from '../cases/case-query.repository';
import { TimelineService } from '../cases/timeline.service';
import { ActivityRepository } from '../activities/activity.repository';
import { CaseHistoryRepository } from '../case-history/case-history.repository';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import { DecisionRepository } from '../decisions/decision.repository';
import { ContactRepository } from '../front-door/contact.repository';
import { InformationRequestRepository } from '../multi-agency/information-request.repository';
import { TimescaleRepository } from '../timescales/timescale.repository';

/**
 * `npm run queries`: renders the hot statements to `queries/*.sql` (a reviewer sees what runs).
 * Each statement is produced by the real repository code, run against a migrated database
 * inside a transaction that is rolled back, through a query runner that records the text.
 * Ids are fixed and every value is a parameter (`$1`…), so the text is deterministic;
 * test/queries.e2e-spec.ts fails when a committed file differs from what this renders.
 */
const LA = '00000000-0000-4000-8000-00000000000a';
const ME = '00000000-0000-4000-8000-000000000001';
const CASE = '00000000-0000-4000-8000-000000000002';
const TEAM = '00000000-0000-4000-8000-000000000003';
const TODAY = '2027-04-30';
const PAGE = 20;

const user = (...roles: Role[]): Actor => ({
  kind: 'user',
  id: ME,
  localAuthorityId: LA,
  roles,
  scopes: [],
  agency: null,
  name: 'Reviewer',
});

/** An API client (integrator) of the LA, with the scope to read cases. */
const client = (): Actor => ({
  kind: 'client',
  id: ME,
  localAuthorityId: LA,
  roles: [],
  scopes: ['cases:read'],
  agency: null,
  name: 'Integrator',
});

type Step = [label: string, run: (m: EntityManager) => Promise<unknown>];

/** File name → the statements that file shows, in order. */
const FILES: Record<string, Step[]> = {
  'case-facts.sql': [
    [
      'CaseFactsRepository.load — the access gate’s facts of one case (family_help_practitioner)',
      (m) => new CaseFactsRepository().load(m, LA, user('family_help_practitioner'), [CASE]),
    ],
  ],
  'caseload.sql': [
    [
      'CaseQueryRepository.list — GET /cases?mine=lead (family_help_practitioner)',
      (m) =>
        new CaseQueryRepository(new Clock(TODAY)).list(m, LA, user('family_help_practitioner'), {
          mine: 'lead',
          openOnly: true,
          limit: PAGE,
          after: null,
        }),
    ],
    [
      'CaseQueryRepository.list — GET /cases?teamId= (family_help_manager)',
      (m) =>
        new CaseQueryRepository(new Clock(TODAY)).list(m, LA, user('family_help_manager'), {
          teamId: TEAM,
          openOnly: false,
          limit: PAGE,
          after: null,
        }),
    ],
  ],
  'cases-feed.sql': [
    [
      'CaseQueryRepository.list — GET /cases?updatedSince= (integrator), a page after a cursor',
      (m) =>
        new CaseQueryRepository(new Clock(TODAY)).list(m, LA, client(), {
          updatedSince: '2027-04-29T09:00:00.000Z',
          limit: PAGE,
          after: ['2027-04-30T08:15:00.250Z', CASE],
        }),
    ],
  ],
  'case-read.sql': [
    [
      'CaseFactsRepository.loadAudited — GET /cases/:id, facts + columns + audit row in one statement (family_help_practitioner)',
      (m) =>
        new CaseFactsRepository().loadAudited(
          m,
          caseReadStatement(
            user('family_help_practitioner'),
            LA,
            'case.read',
            CASE,
            CASE_RESPONSE_COLUMNS,
            CASE_READ_AUDIT,
          ),
        ),
    ],
  ],
  'timeline.sql': [
    [
      'TimelineService.list — GET /cases/:id/timeline, one page',
      (m) => new TimelineService(undefined as never, undefined as never).list(CASE, {}, m),
    ],
  ],
  'decision-request-queue.sql': [
    [
      'DecisionRepository.findRequestsForEcpp — the ECPP’s open decision requests',
      (m) => new DecisionRepository().findRequestsForEcpp(m, LA, ME, 'open', PAGE, null),
    ],
  ],
  'overdue.sql': [
    [
      'TimescaleRepository.findOverdueScopeCases — GET /timescales/overdue (family_help_manager)',
      (m) =>
        overdue().findOverdueScopeCases(m, LA, user('family_help_manager'), null, null, 100, TODAY),
    ],
    [
      'TimescaleRepository.findOverdueScopeCases — GET /timescales/overdue (cp_manager)',
      (m) => overdue().findOverdueScopeCases(m, LA, user('cp_manager'), null, null, 100, TODAY),
    ],
  ],
  'information-request-inbox.sql': [
    [
      'InformationRequestRepository.inbox — GET /information-requests (ecpp)',
      (m) =>
        new InformationRequestRepository().inbox(m, LA, user('ecpp'), { mine: false }, null, PAGE),
    ],
  ],
  'contacts-queue.sql': [
    [
      'ContactRepository.list — GET /contacts, the front door’s queue',
      (m) => new ContactRepository().list(m, LA, { cpQueueOnly: false }, PAGE, null),
    ],
    [
      'ContactRepository.list — GET /contacts?overdue=true, the child-protection queue (cp_manager)',
      (m) =>
        new ContactRepository().list(m, LA, { overdueOn: TODAY, cpQueueOnly: true }, PAGE, null),
    ],
  ],
};

function overdue(): TimescaleRepository {
  return new TimescaleRepository(new ActivityRepository(), new CaseHistoryRepository());
}

/** The statement as written, without the indentation of the code it sits in. */
function tidy(sql: string): string {
  const lines = sql.split('\n').map((l) => l.trimEnd());
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const indent = Math.min(...rest.map((l) => l.length - l.trimStart().length));
  const body = [
    lines[0].trim(),
    ...lines.slice(1).map((l) => l.slice(Number.isFinite(indent) ? indent : 0)),
  ];
  return body
    .filter((l, i) => l !== '' || i < body.length - 1)
    .join('\n')
    .trim();
}

/** Renders every file: name → text. */
export async function renderQueries(ds: DataSource): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  const query = qr.query.bind(qr);
  let seen: string[] = [];
  qr.query = ((text: string, ...rest: unknown[]) => {
    seen.push(text);
    return (query as (...a: unknown[]) => Promise<unknown>)(text, ...rest);
  }) as typeof qr.query;
  try {
    for (const [file, steps] of Object.entries(FILES)) {
      const parts = [
        `-- NOTE: generated by \`npm run queries\` (src/bin/render-queries.ts); do not edit.`,
      ];
      for (const [label, run] of steps) {
        seen = [];
        await run(qr.manager);
        for (const text of seen) parts.push(`-- ${label}\n${tidy(text)};`);
      }
      out.set(file, parts.join('\n\n') + '\n');
    }
  } finally {
    await qr.rollbackTransaction();
    await qr.release();
  }
  return out;
}

export const QUERIES_DIR = join(__dirname, '..', '..', 'queries');

async function main() {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tandem_dev';
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    mkdirSync(QUERIES_DIR, { recursive: true });
    const files = await renderQueries(ds);
    for (const [name, text] of files) writeFileSync(join(QUERIES_DIR, name), text);
    console.log(`${files.size} files written to queries/`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
