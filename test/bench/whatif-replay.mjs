#!/usr/bin/env node
// Benchmark of `llmcost whatif` (issue 8): replaying 1M stored records under 3 scenarios must take at
// most 5× a plain report over the same store, both measured in this run, interleaved.
//
//   npm run bench:whatif                      (builds first)
//   node test/bench/whatif-replay.mjs [--quick] [--runs 5] [--rss-method gnu-time|python|proc]
//
// Rows (ratios against the report measured in the same run):
//   whatif-3-scenarios      whatif --swap gpt-4o*=gpt-4.1-mini, batch 50%, cache hit rate 0.5   ≤ 5×
//   whatif-3-scenarios-rss  peak RSS of that run (MiB), for the record
//   whatif-routing          route input<2000 → gpt-4.1-nano, observed caching, a conditional batch:
//                           per-request splits of most records (no target, context)
//   whatif-agree            the replay's baseline vs the report's list cost (pico-USD): must be 0
// Data: the cached 1M-line llmcost-jsonl file of run-bench.mjs (generate-llmcost-jsonl.mjs) in
// test/bench/.work/, ingested once into .work/whatif-<lines>.db (not measured). Results: a table on
// stdout and .work/whatif-results.json. Exit code 0 whatever the figures, 1 on harness errors.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION, generateLlmcostJsonl, manifestPathFor } from './generate-llmcost-jsonl.mjs';
import { detectRssMethod, runMeasured } from './measure-process.mjs';
import { childEnv } from './bench-env.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = resolve(BENCH_DIR, '..', '..');
const WORK_DIR = join(BENCH_DIR, '.work');
const LLMCOST_BIN = join(REPO_DIR, 'bin', 'llmcost');
const NODE = process.execPath;
const AS_OF = '2026-11-01';

const REPORT_ARGS = ['report', '--by', 'day', '--group-by', 'model', '--format', 'json', '--tz', 'UTC'];
const THREE_SCENARIOS = [
  'whatif',
  '--format',
  'json',
  '--tz',
  'UTC',
  '--as-of',
  AS_OF,
  '--swap',
  'gpt-4o*=gpt-4.1-mini',
  '--scenario',
  'batch=batch 50%',
  '--scenario',
  'cache=cache-hit-rate 0.5',
];
const ROUTING = [
  'whatif',
  '--format',
  'json',
  '--tz',
  'UTC',
  '--as-of',
  AS_OF,
  '--route',
  'input<2000 -> gpt-4.1-nano',
  '--scenario',
  'observed=cache 5m',
  '--scenario',
  'mix=swap claude-*=gemini-2.5-flash; batch 30% if output>1000',
];

const log = (message) => process.stderr.write(`[bench:whatif] ${message}\n`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      'rss-method': { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs: expected a whole number ≥ 1, got ${values.runs}`);
  return { lines: values.quick ? 50_000 : 1_000_000, runs, rssMethod: detectRssMethod(values['rss-method']) };
}

/** The run-bench data file (generated once, cached), ingested once into this bench's own database. */
function ensureDatabase(lines, env) {
  const dataPath = join(WORK_DIR, `llmcost-${lines}.jsonl`);
  const manifestPath = manifestPathFor(dataPath);
  const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null;
  if (
    !existsSync(dataPath) ||
    manifest?.generatorVersion !== GENERATOR_VERSION ||
    manifest?.lines !== lines
  ) {
    log(`generating ${lines} llmcost-jsonl lines → ${dataPath}`);
    generateLlmcostJsonl({ lineCount: lines, outPath: dataPath });
  }
  const database = join(WORK_DIR, `whatif-${lines}.db`);
  const stampPath = `${database}.stamp`;
  const stamp = `generator ${GENERATOR_VERSION}, ${lines} lines`;
  if (existsSync(database) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp)
    return database;
  for (const suffix of ['', '-wal', '-shm', '-journal', '.stamp'])
    rmSync(`${database}${suffix}`, { force: true });
  log(`ingesting ${dataPath} into ${database} (once, not measured)`);
  const ingest = spawnSync(
    NODE,
    [LLMCOST_BIN, '--db', database, '--quiet', 'ingest', dataPath, '--from', 'llmcost-jsonl'],
    { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  writeFileSync(stampPath, stamp);
  return database;
}

async function measure(args, database, env, rssMethod) {
  const run = await runMeasured(NODE, [LLMCOST_BIN, '--db', database, ...args], { env, rssMethod });
  if (run.exitCode !== 0)
    throw new Error(`llmcost ${args[0]} failed (${run.exitCode}): ${run.stderr.slice(0, 400)}`);
  return run;
}

async function main() {
  const { lines, runs, rssMethod } = parseOptions();
  mkdirSync(WORK_DIR, { recursive: true });
  const home = join(WORK_DIR, 'home');
  mkdirSync(home, { recursive: true });
  const env = childEnv(home);
  const build = join(REPO_DIR, 'dist', 'cli', 'main.js');
  if (!existsSync(build)) throw new Error('dist/ is missing: run npm run build (npm run bench:whatif does)');
  const database = ensureDatabase(lines, env);
  const loadAtStart = loadavg();

  // One warm-up of each, then interleaved runs so drift in machine load hits all three alike.
  await measure(REPORT_ARGS, database, env, rssMethod);
  await measure(THREE_SCENARIOS, database, env, rssMethod);
  const reports = [];
  const threes = [];
  const routings = [];
  for (let index = 1; index <= runs; index += 1) {
    reports.push(await measure(REPORT_ARGS, database, env, rssMethod));
    threes.push(await measure(THREE_SCENARIOS, database, env, rssMethod));
    routings.push(await measure(ROUTING, database, env, rssMethod));
    const last = (list) => `${(list.at(-1).wallMs / 1000).toFixed(2)} s`;
    log(`run ${index}/${runs}: report ${last(reports)}, whatif ${last(threes)}, routing ${last(routings)}`);
  }
  const reportMs = median(reports.map((run) => run.wallMs));
  const threeMs = median(threes.map((run) => run.wallMs));
  const routingMs = median(routings.map((run) => run.wallMs));
  const peak = (list) => Math.max(...list.map((run) => run.peakRssMiB ?? Number.NaN));

  const report = JSON.parse(reports[0].stdout);
  const whatif = JSON.parse(threes[0].stdout);
  const disagreement = BigInt(report.totals.listCostPico) - BigInt(whatif.baseline.costPico);
  const rows = [
    {
      name: 'whatif-3-scenarios',
      measured: threeMs,
      floor: reportMs,
      ratio: threeMs / reportMs,
      target: 5,
      note: `${whatif.baseline.records} records, ${whatif.scenarios.length} scenarios, median of ${runs}`,
    },
    {
      name: 'whatif-3-scenarios-rss',
      measured: peak(threes),
      floor: peak(reports),
      ratio: null,
      target: null,
      note: 'MiB, max over runs (floor: the report)',
    },
    {
      name: 'whatif-routing',
      measured: routingMs,
      floor: reportMs,
      ratio: routingMs / reportMs,
      target: null,
      note: 'per-request splits of most records; for the record',
    },
    {
      name: 'whatif-agree',
      measured: Number(disagreement),
      floor: null,
      ratio: null,
      target: 0,
      note: `report list cost ${report.totals.listCostExact} USD vs replay baseline ${whatif.baseline.costExact} USD`,
    },
  ].map((row) => ({
    ...row,
    status:
      row.target === null ? 'INFO' : (row.ratio ?? Math.abs(row.measured)) <= row.target ? 'PASS' : 'FAIL',
  }));

  const results = {
    startedAt: new Date().toISOString(),
    lines,
    runs,
    machine: {
      node: process.version,
      rssMethod,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg()[0],
    },
    rows,
  };
  writeFileSync(join(WORK_DIR, 'whatif-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const cell = (value, digits = 2) =>
    value === null || value === undefined ? '' : Number(value).toFixed(digits);
  process.stdout.write('row                      measured      floor   ratio  target  status  note\n');
  for (const row of rows) {
    process.stdout.write(
      `${row.name.padEnd(24)} ${cell(row.measured, 0).padStart(9)} ${cell(row.floor, 0).padStart(10)} ${cell(row.ratio).padStart(7)} ${cell(row.target, 0).padStart(7)}  ${row.status.padEnd(6)}  ${row.note}\n`,
    );
  }
  process.stdout.write(
    `(ms unless noted; load average ${loadAtStart.map((value) => value.toFixed(2)).join(' ')} at start)\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`[bench:whatif] ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
