/**
 * `npm run plot:indicators`: renders docs/img/indicators-example.png from the bulk-generated
 * data of `npm run bench:indicators` (BENCH_DATABASE_URL, default `tandem_bench_indicators`):
 * the assessment timescale series by month, LA-wide, stacked met / met late / overdue, with the
 * share of visits where the child was seen alone as a line. Uses the indicators' own SQL (the
 * series a UI gets from GET /indicators) and @napi-rs/canvas (prebuilt, no browser).
 */
import { createCanvas } from '@napi-rs/canvas';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source-options';
import { IndicatorRepository, Period } from 'src/indicators/indicator.repository';
import { monthsBetween } from 'src/indicators/months';

const URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tandem_bench_indicators';
const LA = '00000000-0000-4000-8000-00000000000a';
const OUT = join(__dirname, '..', 'docs', 'img', 'indicators-example.png');

async function main(): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(URL), logging: false });
  await ds.initialize();
  const repo = new IndicatorRepository();
  const p: Period = { from: '2025-07-01', to: '2027-03-31', asOf: '2027-03-31' };
  const [assess, visits] = await ds.transaction('REPEATABLE READ', async (m) => [
    await repo.aggregate(m, LA, 'timescale_assessment', { kind: 'la' }, p),
    await repo.aggregate(m, LA, 'visits_seen_alone', { kind: 'la' }, p),
  ]);
  await ds.destroy();
  const months = monthsBetween(p.from, p.to);
  const at = (rows: typeof assess, month: string, k: string) =>
    Number(rows.find((r) => r.month === month)?.measures[k] ?? 0);

  const W = 1000;
  const H = 520;
  const pad = { l: 70, r: 70, t: 60, b: 70 };
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, W, H);
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  const max = Math.max(1, ...months.map((mo) => at(assess, mo, 'items')));
  const bw = plotW / months.length;
  const colours: [string, string][] = [
    ['met', '#2e7d32'],
    ['metLate', '#f9a825'],
    ['overdue', '#c62828'],
  ];

  g.strokeStyle = '#999999';
  g.fillStyle = '#333333';
  g.font = '12px sans-serif';
  for (let i = 0; i <= 4; i++) {
    const y = pad.t + plotH - (plotH * i) / 4;
    g.beginPath();
    g.moveTo(pad.l, y);
    g.lineTo(pad.l + plotW, y);
    g.globalAlpha = 0.3;
    g.stroke();
    g.globalAlpha = 1;
    g.fillText(String(Math.round((max * i) / 4)), 10, y + 4);
    g.fillText(`${25 * i}%`, pad.l + plotW + 10, y + 4);
  }
  months.forEach((mo, i) => {
    let y = pad.t + plotH;
    for (const [k, colour] of colours) {
      const h = (plotH * at(assess, mo, k)) / max;
      g.fillStyle = colour;
      g.fillRect(pad.l + i * bw + 3, y - h, bw - 6, h);
      y -= h;
    }
    if (i % 3 === 0) {
      g.fillStyle = '#333333';
      g.fillText(mo, pad.l + i * bw, pad.t + plotH + 18);
    }
  });
  g.strokeStyle = '#1565c0';
  g.lineWidth = 3;
  g.beginPath();
  months.forEach((mo, i) => {
    const n = at(visits, mo, 'visits');
    const share = n ? at(visits, mo, 'seenAlone') / n : 0;
    const x = pad.l + i * bw + bw / 2;
    const y = pad.t + plotH - plotH * share;
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  });
  g.stroke();

  g.fillStyle = '#111111';
  g.font = 'bold 16px sans-serif';
  g.fillText(
    'Assessments due per month by status (bars) and children seen alone on visits (line)',
    pad.l,
    30,
  );
  g.font = '12px sans-serif';
  const legend: [string, string][] = [
    ['met', '#2e7d32'],
    ['met late', '#f9a825'],
    ['overdue', '#c62828'],
    ['seen alone (right axis)', '#1565c0'],
  ];
  legend.forEach(([label, colour], i) => {
    g.fillStyle = colour;
    g.fillRect(pad.l + i * 170, H - 30, 14, 14);
    g.fillStyle = '#333333';
    g.fillText(label, pad.l + i * 170 + 20, H - 19);
  });

  mkdirSync(join(OUT, '..'), { recursive: true });
  writeFileSync(OUT, canvas.toBuffer('image/png'));
  console.log(`wrote ${OUT}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
