import { Injectable } from '@nestjs/common';
import type { ServerResponse as Response } from 'node:http';
import { lazyModule } from 'src/common/lazy-module';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { actorLa } from 'src/common/tenancy';
import { Clock } from 'src/common/clock';
import { conflict } from 'src/common/domain-error';
import { ANNEX_A_COLUMNS, annexARows, DateCell, type AnnexAList, type Cell } from './annex-a';
import { annexAContactRow } from './annex-a-contacts';
import { csvLine, safeCell } from './cell';
import { episodeOf, type Episode, type EpisodeRow } from './child-facts';
import { CENSUS_CLOSING, censusChild, censusOpening, censusPeriod } from './cin-census';
import { ExportRepository } from './export.repository';

const exceljs = lazyModule(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require('exceljs') as typeof import('exceljs'),
);

const BATCH = 1000;
/** Pages of children read at once (on separate pooled connections). */
const PAGES_IN_FLIGHT = 2;
const FLUSH_CHARS = 64 * 1024;

/** Waits until the socket takes more (or the client has gone): flat memory for any size. */
function drained(res: Response): Promise<void> {
  if (!res.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Runs a streamed body. A failure before anything was sent is an ordinary error response; once
 * the document has started it can only cut the response short (the client sees a broken
 * download, never a document that looks complete).
 */
async function cutShortOnError(res: Response, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (!res.headersSent) throw err;
    res.destroy(err as Error);
  }
}

/**
 * Collects small pieces of a response into writes of about 64 KiB (a write per row or per child
 * would be a syscall each) and waits for the socket to drain when it is full.
 */
class BufferedWrites {
  private pending = '';
  constructor(private readonly res: Response) {}

  async add(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length < FLUSH_CHARS) return;
    const chunk = this.pending;
    this.pending = '';
    if (!this.res.write(chunk)) await drained(this.res);
  }

  end(text = ''): void {
    this.res.end(this.pending + text);
    this.pending = '';
  }
}

/** Statutory returns, streamed batch by batch (keyset pages of 1000 children). */
@Injectable()
export class ExportService {
  constructor(
    private readonly repo: ExportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Every episode in the window, in child order. The children are cut into pages of BATCH by
   * their ids first (one cheap query), then up to PAGES_IN_FLIGHT pages are read at once on
   * separate connections while the earliest is turned into output: Postgres works on both
   * cores and Node writes meanwhile, and at most PAGES_IN_FLIGHT + 1 pages are in memory. The
   * last page is open-ended (no limit), so a child added meanwhile is still listed.
   */
  private async *episodes(la: string, from: string, to: string, res: Response) {
    const bounds = await this.repo.childPageBounds(la, from, to, BATCH);
    const ranges = [null, ...bounds].map((after, i) => [after, bounds[i] ?? null] as const);
    const page = (i: number): Promise<EpisodeRow[]> => {
      const [after, upto] = ranges[i];
      const rows = this.repo.episodes(la, from, to, after, null, upto);
      // Handled at once: a prefetch that fails while this page is still being written (or that
      // is never awaited, the client gone) must not be an unhandled rejection. Awaiting it below
      // still throws its error.
      rows.catch(() => undefined);
      return rows;
    };
    const inFlight: Promise<EpisodeRow[]>[] = [];
    let nextPage = 0;
    const fill = () => {
      while (nextPage < ranges.length && inFlight.length < PAGES_IN_FLIGHT && !res.destroyed) {
        inFlight.push(page(nextPage++));
      }
    };
    fill();
    while (inFlight.length) {
      const rows = await inFlight.shift()!;
      fill();
      for (const r of rows) yield episodeOf(r);
      if (res.destroyed) return;
    }
  }

  async cinCensus(actor: Actor, year: number, res: Response): Promise<void> {
    const la = actorLa(actor);
    const { start, end } = censusPeriod(year);
    const lea = await this.repo.dfeNumber(la);
    if (!lea)
      throw conflict(
        'dfe_number_missing',
        "The census needs the local authority's three-digit DfE number: an LA administrator sets dfeNumber in the LA's settings",
      );
    const serialNo = (await this.repo.censusReturnsMade(la, year)) + 1;
    await this.audit.record({
      action: 'export.cin_census',
      recordType: 'local_authority',
      recordId: la,
      metadata: { year, serialNo },
    });
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="cin-census-${year}.xml"`);
    const out = new BufferedWrites(res);
    await out.add(censusOpening({ year, lea, serialNo, generatedAt: new Date() }));
    await cutShortOnError(res, async () => {
      let child: Episode[] = [];
      for await (const e of this.episodes(la, start, end, res)) {
        if (child.length && child[0].row.personId !== e.row.personId) {
          await out.add(censusChild(child, year));
          child = [];
        }
        child.push(e);
      }
      if (child.length) await out.add(censusChild(child, year));
      out.end(CENSUS_CLOSING);
    });
  }

  /** The episodes in the window, one child's at a time. */
  private async *children(la: string, from: string, to: string, res: Response) {
    let child: Episode[] = [];
    for await (const e of this.episodes(la, from, to, res)) {
      if (child.length && child[0].row.personId !== e.row.personId) {
        yield child;
        child = [];
      }
      child.push(e);
    }
    if (child.length) yield child;
  }

  /** The rows of a list over [from, asOf]: list 1 from contacts, the others per child. */
  private async *annexARowsOf(
    list: AnnexAList,
    la: string,
    from: string,
    asOf: string,
    res: Response,
  ): AsyncGenerator<Cell[]> {
    if (list === '1') {
      for (const r of await this.repo.contactChildren(la, from, asOf)) yield annexAContactRow(r);
      return;
    }
    for await (const child of this.children(la, from, asOf, res))
      for (const row of annexARows(list, child, asOf, from)) yield row;
  }

  async annexA(actor: Actor, list: AnnexAList, format: 'csv' | 'xlsx', res: Response) {
    const la = actorLa(actor);
    const asOf = this.clock.today();
    // Annex A looks back over the 12 months up to the day of the export.
    const from = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
    await this.audit.record({
      action: 'export.annex_a',
      recordType: 'local_authority',
      recordId: la,
      metadata: { list, format },
    });
    const name = `annex-a-list-${list}-${asOf}.${format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    const columns = ANNEX_A_COLUMNS[list];
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      const out = new BufferedWrites(res);
      await cutShortOnError(res, async () => {
        await out.add(csvLine(columns));
        for await (const row of this.annexARowsOf(list, la, from, asOf, res))
          await out.add(csvLine(row.map((v) => (v instanceof DateCell ? v.toCsv() : v))));
        out.end();
      });
      return;
    }
    res.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new (exceljs().stream.xlsx.WorkbookWriter)({
      stream: res,
      useStyles: true,
      useSharedStrings: false,
    });
    await cutShortOnError(res, async () => {
      // The header on row 1 (the list's name is the sheet's); dates as dates, DD/MM/YYYY.
      const sheet = book.addWorksheet(`List ${list}`);
      sheet.addRow(columns).commit();
      for await (const row of this.annexARowsOf(list, la, from, asOf, res)) {
        const added = sheet.addRow(
          row.map((v) =>
            v instanceof DateCell ? v.toDate() : typeof v === 'number' ? v : safeCell(v),
          ),
        );
        row.forEach((v, i) => {
          if (v instanceof DateCell) added.getCell(i + 1).numFmt = 'dd/mm/yyyy';
        });
        added.commit();
        await drained(res);
      }
      sheet.commit();
      await book.commit();
    });
  }
}
