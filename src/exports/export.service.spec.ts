import { episodeRow } from 'test/fixtures/export-rows';
import { EventEmitter } from 'node:events';
import type { ServerResponse as Response } from 'node:http';
import type { Actor } from 'src/access/actor';
import type { AuditService } from 'src/audit/audit.service';
import { Clock } from 'src/common/clock';
import type { EpisodeRow } from './child-facts';
import type { ExportRepository } from './export.repository';
import { ExportService } from './export.service';

/** A response that asks the writer to wait for 'drain' (a macrotask) after every write. */
class SlowResponse extends EventEmitter {
  headersSent = false;
  destroyed = false;
  writableNeedDrain = false;
  ended = false;
  error: Error | null = null;
  body = '';
  setHeader() {}
  write(chunk: string) {
    this.headersSent = true;
    this.body += chunk;
    this.writableNeedDrain = true;
    setTimeout(() => {
      this.writableNeedDrain = false;
      this.emit('drain');
    }, 1);
    return false;
  }
  end(chunk = '') {
    this.body += chunk;
    this.ended = true;
  }
  destroy(err: Error) {
    this.destroyed = true;
    this.error = err;
    this.emit('close');
  }
}

const row = (i: number): EpisodeRow =>
  episodeRow({
    personId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    dateOfBirth: '2015-01-01',
    sex: 'F',
  });

const actor = { id: 'u', kind: 'user', localAuthorityId: 'la', roles: ['la_admin'] } as Actor;

function service(pages: (after: string | null) => Promise<EpisodeRow[]>, bounds: string[] = []) {
  const repo = {
    dfeNumber: async () => '931',
    censusReturnsMade: async () => 0,
    childPageBounds: async () => bounds,
    episodes: (...a: unknown[]) => pages(a[3] as string),
  };
  const audit = { record: async () => undefined };
  return new ExportService(
    repo as unknown as ExportRepository,
    audit as unknown as AuditService,
    new Clock('2027-01-10'),
  );
}

describe('streamed exports when the database fails part-way', () => {
  const firstPage = Array.from({ length: 1000 }, (_, i) => row(i));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it.each([
    ['CIN census', (s: ExportService, r: Response) => s.cinCensus(actor, 2027, r), '<Child>'],
    ['Annex A CSV', (s: ExportService, r: Response) => s.annexA(actor, '6', 'csv', r), 'Child'],
  ])(
    '%s: a failed prefetch while the first page is written cuts the response short',
    async (_name, run, marker) => {
      const s = service(
        (after) =>
          after === null ? Promise.resolve(firstPage) : Promise.reject(new Error('pg went away')),
        [firstPage[firstPage.length - 1].personId],
      );
      const res = new SlowResponse();
      await run(s, res as unknown as Response);
      await new Promise((r) => setTimeout(r, 20));
      expect(res.body).toContain(marker); // the first page went out...
      expect(res.destroyed).toBe(true); // ...then the response was cut, not completed
      expect(res.error?.message).toBe('pg went away');
      expect(res.ended).toBe(false);
      expect(unhandled).toEqual([]);
    },
  );

  it('a failure before anything is sent is an ordinary error (nothing written)', async () => {
    const s = service(() => Promise.reject(new Error('pg went away')));
    const res = new SlowResponse();
    await expect(s.cinCensus(actor, 2027, res as unknown as Response)).rejects.toThrow(
      'pg went away',
    );
    expect(res.headersSent).toBe(false);
    expect(res.destroyed).toBe(false);
  });
});

describe('streamed exports read pages side by side, in order', () => {
  const ids = Array.from({ length: 2500 }, (_, i) =>
    episodeRow({
      personId: `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
      dateOfBirth: '2015-01-01',
      sex: 'F',
    }),
  );
  it('cuts the children by page bounds, reads two pages at a time, and writes every child once in id order', async () => {
    const bounds = [ids[999].personId, ids[1999].personId];
    const calls: [string | null, string | null][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const repo = {
      dfeNumber: async () => '931',
      censusReturnsMade: async () => 0,
      childPageBounds: async () => bounds,
      episodes: async (...a: unknown[]) => {
        const [after, , upto] = [a[3] as string | null, a[4], a[5] as string | null];
        calls.push([after, upto]);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // The later page answers first: the output must still be in order.
        await new Promise((r) => setTimeout(r, after === null ? 15 : 1));
        inFlight--;
        return ids.filter(
          (r) => (after === null || r.personId > after) && (upto === null || r.personId <= upto),
        );
      },
    };
    const s = new ExportService(
      repo as unknown as ExportRepository,
      { record: async () => undefined } as unknown as AuditService,
      new Clock('2027-01-10'),
    );
    const res = new SlowResponse();
    await s.annexA(actor, '6', 'csv', res as unknown as Response);
    expect(calls).toEqual([
      [null, bounds[0]],
      [bounds[0], bounds[1]],
      [bounds[1], null],
    ]);
    expect(maxInFlight).toBe(2);
    expect(res.ended).toBe(true);
    const lines = res.body.trim().split('\n').slice(1);
    expect(lines).toHaveLength(2500);
    // Each child's LA id (derived from its person id's first characters) once, in child order.
    const firstCells = lines.map((l) => l.split(',')[0]);
    expect(new Set(firstCells).size).toBe(2500);
    expect(firstCells).toEqual([...firstCells].sort());
  });
});
