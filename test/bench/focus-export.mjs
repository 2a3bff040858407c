#!/usr/bin/env node
// Time and peak RSS of `llmcost export --focus` over a large store (issue 9: "a large store must stay
// bounded in memory"). Standalone, not part of run-bench.mjs; run after `npm run build`:
//
//   node test/bench/focus-export.mjs [--lines 1000000] [--rss-method proc|gnu-time|python]
//
// Generates a deterministic llmcost-jsonl file (generate-llmcost-jsonl.mjs), ingests it into a fresh
// database, then measures the whole store exported to focus.csv, and one 10-day range of it: peak RSS
// that does not grow with the range is what "bounded" means. Checks that the BilledCost column sums
// exactly to `report`'s total. Data stays in test/bench/.work/focus-export/ (git-ignored).
import { createReadStream, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureGeneratedStore } from './bench-env.mjs';
import { detectRssMethod, runMeasured } from './measure-process.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = resolve(BENCH_DIR, '..', '..');
const WORK_DIR = join(BENCH_DIR, '.work', 'focus-export');
const BIN = join(REPO_DIR, 'bin', 'llmcost');
const AS_OF = '2026-11-23';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    'rss-method': { type: 'string' },
  },
});
const lineCount = Number(values.lines);
const rssMethod = detectRssMethod(values['rss-method']);
const log = (text) => process.stderr.write(`${text}\n`);

const { env } = await ensureGeneratedStore({
  workDir: WORK_DIR,
  lineCount,
  bin: BIN,
  rssMethod,
  log,
});

/** Exact sum of a CSV column of decimal dollars, in pico-dollars (no floats). */
async function sumColumnPico(path, column) {
  let index = -1;
  let sum = 0n;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (index === -1) {
      index = line.split(',').indexOf(column);
      continue;
    }
    // BilledCost is the first column and never quoted.
    const cell = line.slice(0, line.indexOf(','));
    const [whole, fraction = ''] = cell.replace('-', '').split('.');
    const pico = BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0'));
    sum += cell.startsWith('-') ? -pico : pico;
  }
  if (index !== 0) throw new Error(`expected ${column} as the first column, found it at ${index}`);
  return sum;
}

const runs = [
  { label: 'whole store', args: [] },
  { label: '10 days', args: ['--since', '2026-10-22'] },
];
console.log(`peak RSS method: ${rssMethod}`);
for (const { label, args } of runs) {
  const out = join(WORK_DIR, 'focus.csv');
  rmSync(out, { force: true });
  log(`export --focus (${label})…`);
  const run = await runMeasured(
    process.execPath,
    [BIN, 'export', '--focus', '--as-of', AS_OF, ...args, '--out', out],
    { env, rssMethod },
  );
  if (run.exitCode !== 0) throw new Error(`export failed: ${run.stderr}`);
  const rows = /([\d,]+) FOCUS rows/.exec(run.stderr)?.[1] ?? '?';
  const report = await runMeasured(
    process.execPath,
    [BIN, 'report', '--as-of', AS_OF, '--by', 'none', '--format', 'json', ...args],
    { env, rssMethod },
  );
  const reportPico = BigInt(JSON.parse(report.stdout).totals.costPico);
  const billedPico = await sumColumnPico(out, 'BilledCost');
  console.log(
    `${label.padEnd(12)} ${rows.padStart(10)} rows  ${(run.wallMs / 1000).toFixed(1).padStart(6)} s  peak RSS ${run.peakRssMiB.toFixed(0).padStart(4)} MiB  ${(statSync(out).size / 2 ** 20).toFixed(0)} MiB file  BilledCost ${billedPico === reportPico ? '=' : '≠'} report total`,
  );
}
