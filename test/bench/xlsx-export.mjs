#!/usr/bin/env node
// Peak RSS of large report exports (issue 5: "500k rows under 300 MiB peak RSS"). Standalone, not
// part of run-bench.mjs; `npm run bench:xlsx` builds first, or after `npm run build`:
//
//   node test/bench/xlsx-export.mjs [--lines 700000] [--min-rows 500000] [--rss-method proc|gnu-time|python]
//                                   [--cases csv,xlsx,xlsx-top,xlsx-compare]
//
// Generates a deterministic llmcost-jsonl file (generate-llmcost-jsonl.mjs), ingests it into a fresh
// database, then measures `report --by hour --group-by user,model`, which has one row per (hour,
// user, model) seen: 570k rows from 700k lines. Cases (default: all four), each streamed from the
// store and each with a target of < 300 MiB peak RSS:
//   csv           --out report.csv
//   xlsx          --out report.xlsx
//   xlsx-top      the same with --top 50 (the store is read twice: rank, then write)
//   xlsx-compare  the same with --compare previous (the baseline is read alongside, one hour ahead)
// Prints PASS/FAIL per case against the target and the load average (the machine may be shared).
// Exit code 0 whatever the figures; 1 only on a harness error. Data, files and results.json stay in
// test/bench/.work/xlsx-export/ (git-ignored).
import { createReadStream, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureGeneratedStore } from './bench-env.mjs';
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
    cases: { type: 'string', default: 'csv,xlsx,xlsx-top,xlsx-compare' },
  },
});
const lineCount = Number(values.lines);
const minRows = Number(values['min-rows']);
const rssMethod = detectRssMethod(values['rss-method']);
const log = (text) => process.stderr.write(`${text}\n`);

const { env } = await ensureGeneratedStore({
  workDir: WORK_DIR,
  lineCount,
  bin: BIN,
  rssMethod,
  log,
});

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
const CASES = {
  csv: { file: 'report.csv', extra: [], target: TARGET_MIB },
  xlsx: { file: 'report.xlsx', extra: [], target: TARGET_MIB },
  'xlsx-top': { file: 'report-top.xlsx', extra: ['--top', '50'], target: TARGET_MIB },
  'xlsx-compare': { file: 'report-compare.xlsx', extra: ['--compare', 'previous'], target: TARGET_MIB },
};
const caseNames = values.cases.split(',').filter((name) => name !== '');
for (const name of caseNames) {
  if (!(name in CASES)) throw new Error(`--cases: unknown case "${name}" (${Object.keys(CASES).join(', ')})`);
}

const loadAtStart = loadavg()[0];
const results = [];
for (const name of caseNames) {
  const { file, extra, target } = CASES[name];
  const out = join(WORK_DIR, file);
  rmSync(out, { force: true });
  log(`report ${extra.join(' ')} --out ${file}…`);
  const run = await runMeasured(process.execPath, [BIN, ...reportArgs, ...extra, '--out', out, '-q'], {
    env,
    rssMethod,
  });
  if (run.exitCode !== 0) throw new Error(`report --out ${file} failed: ${run.stderr}`);
  const verdict = run.peakRssMiB < target ? 'PASS' : 'FAIL';
  results.push({
    name,
    args: [...extra, '--out', file],
    wallMs: run.wallMs,
    peakRssMiB: run.peakRssMiB,
    bytes: statSync(out).size,
    targetMiB: target,
    verdict,
  });
}
const loadAtEnd = loadavg()[0];

/** Lines of a file, counted as it streams by. */
async function countLines(path) {
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  return lines;
}
const csvPath = join(WORK_DIR, 'report.csv');
const rows = existsSync(csvPath) ? (await countLines(csvPath)) - 1 : null;

console.log(
  rows === null
    ? 'rows in the report: not counted (no csv case)'
    : `rows in the report: ${rows.toLocaleString('en-US')} (need ≥ ${minRows.toLocaleString('en-US')})`,
);
const cores = availableParallelism();
console.log(
  `peak RSS method: ${rssMethod}; load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end, on ${cores} cores`,
);
for (const result of results) {
  const target = ` (target < ${result.targetMiB})`;
  console.log(
    `${result.name.padEnd(13)} ${(result.wallMs / 1000).toFixed(1).padStart(6)} s  peak RSS ${result.peakRssMiB.toFixed(0).padStart(4)} MiB${target.padEnd(15)} ${result.verdict.padEnd(4)}  ${(result.bytes / 2 ** 20).toFixed(1)} MiB file`,
  );
}
if (rows !== null && rows < minRows) console.log(`warning: only ${rows} rows; pass --lines with more`);
if (Math.max(loadAtStart, loadAtEnd) > cores) {
  console.log(
    `warning: load average above ${cores}: other processes competed for the CPU, so times are rough (peak RSS is not affected much)`,
  );
}
writeFileSync(
  join(WORK_DIR, 'results.json'),
  `${JSON.stringify({ rows, rssMethod, loadAverage: { start: loadAtStart, end: loadAtEnd }, cores, results }, null, 2)}\n`,
);
