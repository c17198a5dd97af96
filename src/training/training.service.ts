import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { DomainError, notFound, validationFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, PageQueryDto, toPage } from 'src/common/pagination';
import { Clock } from 'src/common/clock';
import { currentContext } from 'src/common/request-context';
import { join } from 'node:path';
import type {
  CreatedRunResponse,
  InvalidScenarioResponse,
  RunResponse,
  ScenarioResponse,
} from './dto/training.dto';
import {
  misnamedScenarioFiles,
  readScenario,
  scenarioNames,
  scenariosDir,
  shownPath,
} from './scenario-catalog';
import { LoadOptions, ScenarioLoader, ScenarioLoadError } from './scenario-loader.service';
import { ScenarioFormatError } from './scenario-parser';
import { TrainingRepository } from './training.repository';

/**
 * Training runs for trainers (API) and the CLI: list the shipped scenarios, load one into a
 * fresh sandbox LA, list runs, delete a run (every row of its sandbox, through the one
 * privileged purge function). A trainer sees only the runs of their own LA, and never any
 * case record (their role has no case permission).
 */
@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly loader: ScenarioLoader,
    private readonly runs: TrainingRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The scenarios of the folder, each validated as a load would validate it. A file that does
   * not validate is listed under `invalid` with its problems (file, line, path, message): one
   * broken file never hides the others, and never makes the listing fail.
   */
  scenarios(dir = scenariosDir()): {
    data: ScenarioResponse[];
    invalid: InvalidScenarioResponse[];
  } {
    const today = this.clock.today();
    const data: ScenarioResponse[] = [];
    const invalid: InvalidScenarioResponse[] = [];
    for (const name of scenarioNames(dir)) {
      try {
        const { scenario } = readScenario(name, today, dir);
        data.push({
          name,
          title: scenario.title,
          brief: scenario.brief,
          events: scenario.events.length,
        });
      } catch (err) {
        invalid.push(invalidEntry(name, join(dir, `${name}.yaml`), err));
      }
    }
    for (const file of misnamedScenarioFiles(dir)) {
      invalid.push({
        name: file.slice(0, -'.yaml'.length),
        file: shownPath(join(dir, file)),
        problems: [
          {
            path: '',
            line: null,
            message:
              'the file name is not a scenario name: lower-case letters, digits and dashes (at most 63), then .yaml',
          },
        ],
      });
    }
    return { data, invalid };
  }

  /** Loads scenario `name` into a new sandbox. A scenario that cannot load is a 422. */
  async createRun(
    initiator: Actor | null,
    name: string,
    opts: Omit<LoadOptions, 'initiator' | 'today'> & { dir?: string } = {},
  ): Promise<CreatedRunResponse> {
    const today = this.clock.today();
    try {
      const parsed = readScenario(name, today, opts.dir);
      const run = await this.loader.load(parsed, { ...opts, initiator, today });
      return {
        runId: run.runId,
        scenario: run.scenario,
        localAuthorityId: run.localAuthorityId,
        code: run.code,
        users: run.users.map(({ email, name: n, roles, password }) => ({
          email,
          name: n,
          roles,
          password,
        })),
      };
    } catch (err) {
      if (err instanceof ScenarioFormatError)
        throw new DomainError(
          422,
          'scenario_invalid',
          err.message,
          err.problems.map((p) => ({ field: p.path, message: p.message })),
        );
      if (err instanceof ScenarioLoadError) {
        const inner = err.reason instanceof DomainError ? err.reason : null;
        if (inner?.code === 'code_taken') throw inner;
        throw new DomainError(422, 'scenario_refused', err.message, undefined, {
          eventIndex: err.eventIndex,
        });
      }
      // The file exists but cannot be read (a folder named x.yaml, no permission).
      const errno = (err as NodeJS.ErrnoException | null)?.code;
      if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno))
        throw new DomainError(422, 'scenario_invalid', `${name}.yaml cannot be read (${errno})`);
      throw err;
    }
  }

  async listRuns(actor: Actor | null, q: PageQueryDto = {}) {
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    if (after && !/^[0-9a-f-]{36}$/i.test(String(after[1])))
      throw validationFailed('cursor', 'cursor is not valid');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.runs.list(this.ds.manager, owner(actor), limit, after);
    const page = toPage(rows, limit, (r) => [r.cursorAt, r.runId]);
    return {
      data: page.data.map(({ cursorAt: _c, ...r }): RunResponse => r),
      nextCursor: page.nextCursor,
    };
  }

  /** Deletes a run: the trainer's own (API), or any run (CLI, `actor` null). */
  async deleteRun(actor: Actor | null, runId: string) {
    return this.ds.transaction(async (m) => {
      const la = await this.runs.sandboxOf(m, actor ? owner(actor) : undefined, runId);
      if (!la) throw notFound('Training run');
      const rows = await this.runs.purge(
        m,
        la,
        { type: actor?.kind ?? 'system', id: actor?.id ?? null },
        currentContext()?.requestId ?? null,
      );
      return { runId, rows };
    });
  }
}

function invalidEntry(name: string, path: string, err: unknown): InvalidScenarioResponse {
  if (err instanceof ScenarioFormatError)
    return { name, file: err.file, problems: err.problems.map((p) => ({ ...p })) };
  const message = err instanceof Error ? err.message : String(err);
  return { name, file: shownPath(path), problems: [{ path: '', line: null, message }] };
}

function owner(actor: Actor | null): string | null {
  return actor?.localAuthorityId ?? null;
}
