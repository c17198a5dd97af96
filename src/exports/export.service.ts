import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { actorLa } from 'src/common/tenancy';
import { Clock } from 'src/common/clock';
import { ANNEX_A_COLUMNS, ANNEX_A_TITLES, annexARows, type AnnexAList } from './annex-a';
import { csvLine, safeCell } from './cell';
import { episodeOf, type Episode, type EpisodeRow } from './child-facts';
import { censusPeriod, CinCensusWriter } from './cin-census';
import { ExportRepository } from './export.repository';

const BATCH = 1000;

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

/** Statutory returns, streamed batch by batch (keyset pages of 1000 children). */
@Injectable()
export class ExportService {
  constructor(
    private readonly repo: ExportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every episode in the window, in child order, one batch in memory at a time. */
  private async *episodes(la: string, from: string, to: string, res: Response) {
    let after: string | null = null;
    for (;;) {
      const rows: EpisodeRow[] = await this.repo.episodes(la, from, to, after, BATCH);
      for (const r of rows) yield episodeOf(r);
      const children = new Set(rows.map((r) => r.personId)).size;
      if (children < BATCH || res.destroyed) return;
      after = rows[rows.length - 1].personId;
    }
  }

  async cinCensus(actor: Actor, year: number, res: Response): Promise<void> {
    const la = actorLa(actor);
    const { start, end } = censusPeriod(year);
    await this.audit.record({
      action: 'export.cin_census',
      recordType: 'local_authority',
      recordId: la,
      metadata: { year },
    });
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="cin-census-${year}.xml"`);
    const finished = new Promise<void>((resolve) => {
      const writer = new CinCensusWriter(
        (chunk) => res.write(chunk),
        () => {
          res.end();
          resolve();
        },
      );
      void (async () => {
        writer.header({ year, laCode: await this.repo.laCode(la), generatedAt: new Date() });
        let child: Episode[] = [];
        for await (const e of this.episodes(la, start, end, res)) {
          if (child.length && child[0].row.personId !== e.row.personId) {
            writer.child(child);
            child = [];
            await drained(res);
          }
          child.push(e);
        }
        if (child.length) writer.child(child);
        writer.finish();
      })().catch((err) => {
        res.destroy(err as Error);
        resolve();
      });
    });
    await finished;
  }

  async annexA(actor: Actor, list: AnnexAList, format: 'csv' | 'xlsx', res: Response) {
    const la = actorLa(actor);
    const asOf = this.clock.today();
    // Inspections look back over the last 12 months (Annex A's reporting window).
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
      res.write(csvLine(columns));
      for await (const e of this.episodes(la, from, asOf, res)) {
        for (const row of annexARows(list, e, asOf))
          if (!res.write(csvLine(row))) await drained(res);
      }
      res.end();
      return;
    }
    res.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: res,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = book.addWorksheet(`List ${list}`);
    sheet.addRow([ANNEX_A_TITLES[list]]).commit();
    sheet.addRow(columns).commit();
    for await (const e of this.episodes(la, from, asOf, res)) {
      for (const row of annexARows(list, e, asOf))
        sheet.addRow(row.map((v) => (typeof v === 'number' ? v : safeCell(v)))).commit();
      await drained(res);
    }
    sheet.commit();
    await book.commit();
  }
}
