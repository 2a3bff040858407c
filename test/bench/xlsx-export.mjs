#!/usr/bin/env node
// Peak RSS of a large XLSX export (issue 5: "500k rows under 300 MiB peak RSS"). Standalone, not
// part of run-bench.mjs; run after `npm run build`:
//
//   node test/bench/xlsx-export.mjs [--lines 700000] [--min-rows 500000] [--rss-method proc|gnu-time|python]
//
// Generates a deterministic llmcost-jsonl file (generate-llmcost-jsonl.mjs), ingests it into a fresh
// database, then measures `report --by hour --group-by user,model --out report.xlsx`, which has
// one row per (hour, user, model) seen: 500k+ rows from 700k lines. Also measures the same report as
// CSV for comparison. Data and the workbook stay in test/bench/.work/xlsx-export/ (git-ignored).
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateLlmcostJsonl } from './generate-llmcost-jsonl.mjs';
import { detectRssMethod, runMeasured } from './measure-process.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = resolve(BENCH_DIR, '..', '..');
const WORK_DIR = join(BENCH_DIR, '.work', 'xlsx-export');
const BIN = join(REPO_DIR, 'bin', 'llmcost');
const TARGET_MIB = 300;

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '700000' },
    'min-rows': { type: 'string', default: '500000' },
    'rss-method': { type: 'string' },
  },
});
const lineCount = Number(values.lines);
const minRows = Number(values['min-rows']);
const rssMethod = detectRssMethod(values['rss-method']);
const log = (text) => process.stderr.write(`${text}\n`);

mkdirSync(WORK_DIR, { recursive: true });
const dataPath = join(WORK_DIR, `llmcost-${lineCount}.jsonl`);
const dbPath = join(WORK_DIR, `llmcost-${lineCount}.db`);
if (!existsSync(dataPath)) {
  log(`generating ${lineCount} lines → ${dataPath}`);
  generateLlmcostJsonl({ lineCount, outPath: dataPath });
}
const env = { ...process.env, NO_COLOR: '1', TZ: 'UTC', LLMCOST_DB: dbPath };
if (!existsSync(dbPath)) {
  log('ingesting…');
  const ingest = await runMeasured(
    process.execPath,
    [BIN, 'ingest', dataPath, '--from', 'llmcost-jsonl', '-q'],
    {
      env,
      rssMethod,
    },
  );
  if (ingest.exitCode !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
}

const reportArgs = [
  'report',
  '--as-of',
  '2026-11-01',
  '--tz',
  'UTC',
  '--by',
  'hour',
  '--group-by',
  'user,model',
];
const results = [];
for (const format of ['csv', 'xlsx']) {
  const out = join(WORK_DIR, `report.${format}`);
  rmSync(out, { force: true });
  log(`report --out report.${format}…`);
  const run = await runMeasured(process.execPath, [BIN, ...reportArgs, '--out', out, '-q'], {
    env,
    rssMethod,
  });
  if (run.exitCode !== 0) throw new Error(`report --format ${format} failed: ${run.stderr}`);
  results.push({ format, wallMs: run.wallMs, peakRssMiB: run.peakRssMiB, bytes: statSync(out).size });
}

// Row count from the CSV (header line excluded); the XLSX has the same rows plus a totals row.
const { readFileSync } = await import('node:fs');
const csvText = readFileSync(join(WORK_DIR, 'report.csv'), 'utf8');
const rows = csvText.split('\n').filter((line) => line !== '').length - 1;
console.log(
  `rows in the report: ${rows.toLocaleString('en-US')} (need ≥ ${minRows.toLocaleString('en-US')})`,
);
console.log(`peak RSS method: ${rssMethod}`);
for (const result of results) {
  const verdict = result.format === 'xlsx' ? (result.peakRssMiB < TARGET_MIB ? ' ✓' : ' ✗') : '';
  console.log(
    `${result.format.padEnd(5)} ${(result.wallMs / 1000).toFixed(1).padStart(6)} s  peak RSS ${result.peakRssMiB.toFixed(0).padStart(4)} MiB${result.format === 'xlsx' ? ` (target < ${TARGET_MIB})${verdict}` : ''}  ${(result.bytes / 2 ** 20).toFixed(1)} MiB file`,
  );
}
if (rows < minRows) console.log(`warning: only ${rows} rows; pass --lines with more`);
