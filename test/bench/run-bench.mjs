#!/usr/bin/env node
// llmcost benchmark (issue 2, "Performance targets"). Run with `npm run bench` (builds first), or
// `node test/bench/run-bench.mjs [--quick] [--only ingest,report,help,claude-code] [--rss-method M]
// [--llmcost PATH]` (PATH: another build's bin/llmcost to measure instead of this checkout's).
//
// Every figure is a ratio against a floor measured in the same run, on the same machine:
//   ingest-jsonl         ingest of the N-line llmcost-jsonl file into a fresh DB ÷ parse floor   ≤ 2.0
//   ingest-jsonl-rss     peak RSS of that ingest (MiB)                                           ≤ 250
//   report-day-model     report --by day --group-by model over those records ÷ llmcost --version ≤ 3
//   help                 llmcost --help ÷ node -e 0                                              ≤ 2
//   cc-first             Claude Code corpus: first ingest + daily report ÷ ccusage daily         ≤ 1.0
//   cc-peak-rss          peak RSS of llmcost (ingest, report) ÷ peak RSS of ccusage              ≤ 0.5
//   cc-rerun             ingest again with nothing new ÷ ccusage daily                           ≤ 0.05
// and two checks that make the speed figures mean something:
//   ingest-jsonl-agree   per-day total tokens of the report vs the generator's ground truth
//   cc-agree             per-day total tokens, llmcost vs ccusage (and each vs the ground truth)
//
// Cheap figures are medians of several runs (floor and measured interleaved, so drift hits both);
// the Claude Code corpus runs once per tool (the re-run, being cheap, three times). Wall time is a
// monotonic clock around the child; peak RSS is the child's (see measure-process.mjs).
// Data is generated on first use and cached in test/bench/.work/ (git-ignored): ~0.4 GB for the
// llmcost-jsonl file, ~2.9 GB for the corpus. Results: a table on stdout and .work/results.json.
// Exit code 0 whatever the figures (the bench reports; CI does not gate on it), 1 on harness errors.
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  compareDailyTotals,
  dailyTotalsFromCcusage,
  dailyTotalsFromLlmcost,
  dailyTotalsFromManifest,
} from './daily-token-totals.mjs';
import {
  GENERATOR_VERSION as CLAUDE_CODE_GENERATOR_VERSION,
  MANIFEST_NAME,
  generateClaudeCodeCorpus,
} from './generate-claude-code.mjs';
import {
  GENERATOR_VERSION as JSONL_GENERATOR_VERSION,
  generateLlmcostJsonl,
  manifestPathFor,
} from './generate-llmcost-jsonl.mjs';
import { installCcusage } from './install-ccusage.mjs';
import { detectRssMethod, killRunningChildren, runMeasured } from './measure-process.mjs';
import { childEnv } from './bench-env.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = resolve(BENCH_DIR, '..', '..');
const WORK_DIR = join(BENCH_DIR, '.work');
let LLMCOST_BIN = join(REPO_DIR, 'bin', 'llmcost');
const PARSE_FLOOR = join(BENCH_DIR, 'parse-floor.mjs');
const CCUSAGE_VERSION = '20.0.24';
const NODE = process.execPath;

const SIZES = {
  full: {
    jsonlLines: 1_000_000,
    claudeUsageLines: 1_000_000,
    startupRuns: 21,
    ingestRuns: 3,
    reportRuns: 5,
    rerunRuns: 3,
  },
  quick: {
    jsonlLines: 50_000,
    claudeUsageLines: 20_000,
    startupRuns: 5,
    ingestRuns: 3,
    reportRuns: 3,
    rerunRuns: 3,
  },
};
const GROUPS = ['ingest', 'report', 'help', 'claude-code'];
const REPORT_ARGS = ['report', '--by', 'day', '--group-by', 'model', '--format', 'json', '--tz', 'UTC'];
const CCUSAGE_ARGS = ['claude', 'daily', '--offline', '--json', '--timezone', 'UTC'];

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s`;
const mib = (value) => (value === null ? 'n/a' : `${value.toFixed(0)} MiB`);
const firstLine = (text) => text.trim().split('\n')[0]?.slice(0, 200) ?? '';
const runSummary = (run) => `${seconds(run.wallMs)}, ${mib(run.peakRssMiB)}`;
const failureOf = (run) =>
  run.timedOut
    ? 'timed out'
    : run.exitCode !== 0
      ? `exit ${run.exitCode ?? run.signal}: ${firstLine(run.stderr) || firstLine(run.stdout)}`
      : null;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      'rss-method': { type: 'string' },
      llmcost: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      `usage: node test/bench/run-bench.mjs [--quick] [--only ${GROUPS.join(',')}] [--rss-method gnu-time|python|proc] [--llmcost PATH]\n`,
    );
    process.exit(0);
  }
  const only = (values.only ?? []).flatMap((value) => value.split(',')).filter(Boolean);
  for (const name of only) {
    if (!GROUPS.includes(name))
      throw new Error(`--only: unknown group "${name}"; known: ${GROUPS.join(', ')}`);
  }
  return {
    quick: values.quick,
    groups: only.length > 0 ? only : GROUPS,
    rssMethod: values['rss-method'],
    llmcostPath: values.llmcost === undefined ? null : resolve(values.llmcost),
  };
}

/** One line of the results table. `target` is an upper bound on `ratio` (or on `measured`). */
function makeRow({
  name,
  measured,
  floor = null,
  ratio = null,
  target,
  unit,
  status = null,
  note = '',
  details = {},
}) {
  const compared = ratio ?? measured;
  const verdict =
    status ?? (compared === null || Number.isNaN(compared) ? 'ERROR' : compared <= target ? 'PASS' : 'FAIL');
  return { name, measured, floor, ratio, target, unit, status: verdict, note, details };
}

function skippedRow(name, target, unit, note) {
  return makeRow({ name, measured: null, target, unit, status: 'SKIP', note });
}

function removeDatabase(path) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

function ensureJsonlData(lineCount) {
  const dataPath = join(WORK_DIR, `llmcost-${lineCount}.jsonl`);
  const manifestPath = manifestPathFor(dataPath);
  if (existsSync(dataPath) && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.generatorVersion === JSONL_GENERATOR_VERSION && manifest.lines === lineCount)
      return { dataPath, manifest };
  }
  log(`generating ${lineCount} llmcost-jsonl lines → ${relative(REPO_DIR, dataPath)}`);
  const startedMs = performance.now();
  const manifest = generateLlmcostJsonl({ lineCount, outPath: dataPath });
  log(`  ${(manifest.bytes / 2 ** 20).toFixed(0)} MiB in ${seconds(performance.now() - startedMs)}`);
  return { dataPath, manifest };
}

async function ensureClaudeCodeCorpus(usageLines) {
  const rootDir = join(WORK_DIR, `claude-code-${usageLines}`);
  const manifestPath = join(rootDir, MANIFEST_NAME);
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (
      manifest.generatorVersion === CLAUDE_CODE_GENERATOR_VERSION &&
      manifest.requestedUsageLines === usageLines
    ) {
      return { rootDir, manifest };
    }
  }
  const freeBytes = freeDiskBytes(WORK_DIR);
  const neededBytes = usageLines * 3_000 * 1.1;
  if (freeBytes !== null && freeBytes < neededBytes) {
    throw new Error(
      `not enough disk for the corpus: ${(neededBytes / 1e9).toFixed(1)} GB needed, ${(freeBytes / 1e9).toFixed(1)} GB free`,
    );
  }
  log(`generating a Claude Code corpus of ${usageLines} usage lines → ${relative(REPO_DIR, rootDir)}`);
  const startedMs = performance.now();
  const manifest = await generateClaudeCodeCorpus({ usageLines, outDir: rootDir });
  log(
    `  ${manifest.files} files, ${(manifest.bytes / 1e9).toFixed(2)} GB in ${seconds(performance.now() - startedMs)}`,
  );
  return { rootDir, manifest };
}

function freeDiskBytes(path) {
  mkdirSync(path, { recursive: true });
  const result = spawnSync('df', ['-Pk', path], { encoding: 'utf8' });
  const fields = result.status === 0 ? result.stdout.trim().split('\n').pop()?.split(/\s+/) : null;
  return fields && fields[3] ? Number(fields[3]) * 1024 : null;
}

/**
 * Reads a file, or every file under a directory, right before a measured run. This VM pages out
 * file cache idle for about a minute (DAMON reclaim), so without this the first tool to run would
 * pay the disk reads and the comparison would measure the disk, not the tools.
 */
async function warmPageCache(path, why) {
  const startedMs = performance.now();
  let bytes = 0;
  const readAll = async (target) => {
    if (statSync(target).isDirectory()) {
      for (const entry of readdirSync(target)) await readAll(join(target, entry));
      return;
    }
    for await (const chunk of createReadStream(target, { highWaterMark: 1 << 20 })) bytes += chunk.length;
  };
  await readAll(path);
  log(
    `page cache warmed ${why}: ${(bytes / 1e9).toFixed(2)} GB in ${seconds(performance.now() - startedMs)}`,
  );
}

/** Is the built CLI there and answering? Returns null when it is, else the reason it is not. */
function checkCli(env) {
  if (LLMCOST_BIN !== join(REPO_DIR, 'bin', 'llmcost')) {
    if (!existsSync(LLMCOST_BIN)) return `${LLMCOST_BIN} does not exist`;
  } else if (!existsSync(join(REPO_DIR, 'dist', 'cli', 'main.js')))
    return 'dist/cli/main.js is missing (run `npm run build`)';
  const result = spawnSync(NODE, [LLMCOST_BIN, '--version'], { env, encoding: 'utf8' });
  if (result.status !== 0)
    return `llmcost --version failed (exit ${result.status}): ${firstLine(result.stderr)}`;
  return null;
}

function parseJsonOutput(run, what) {
  try {
    return JSON.parse(run.stdout);
  } catch (error) {
    throw new Error(
      `${what} did not print JSON (${error.message}); stdout starts with: ${run.stdout.slice(0, 200)}`,
    );
  }
}

// ───────────────────────────── benchmark groups ─────────────────────────────

async function benchIngest({ size, env, rssMethod, cliProblem, database }) {
  const { dataPath, manifest } = ensureJsonlData(size.jsonlLines);
  const targets = [
    ['ingest-jsonl', 2.0, 'ratio'],
    ['ingest-jsonl-rss', 250, 'MiB'],
    ['ingest-jsonl-agree', 0, 'rel. diff'],
  ];
  if (cliProblem) return targets.map(([name, target, unit]) => skippedRow(name, target, unit, cliProblem));
  await warmPageCache(dataPath, 'before the ingest runs');
  const floors = [];
  const ingests = [];
  let ingestFailure = null;
  for (let i = 1; i <= size.ingestRuns; i += 1) {
    const floor = await runMeasured(NODE, [PARSE_FLOOR, dataPath], { env, rssMethod });
    const floorFailure = failureOf(floor);
    if (floorFailure) throw new Error(`parse floor failed: ${floorFailure}`);
    if (!floor.stdout.startsWith(`${size.jsonlLines} lines`))
      throw new Error(`parse floor read "${firstLine(floor.stdout)}", expected ${size.jsonlLines} lines`);
    floors.push(floor);
    removeDatabase(database);
    const ingest = await runMeasured(
      NODE,
      [LLMCOST_BIN, '--db', database, '--quiet', 'ingest', dataPath, '--from', 'llmcost-jsonl'],
      { env, rssMethod },
    );
    ingestFailure ??= failureOf(ingest);
    ingests.push(ingest);
    log(`ingest ${i}/${size.ingestRuns}: floor ${runSummary(floor)} | llmcost ingest ${runSummary(ingest)}`);
  }
  const floorMs = median(floors.map((run) => run.wallMs));
  const ingestMs = median(ingests.map((run) => run.wallMs));
  const peakRss = ingests.some((run) => run.peakRssMiB === null)
    ? null
    : Math.max(...ingests.map((run) => run.peakRssMiB));
  const note =
    ingestFailure ??
    `${size.jsonlLines} lines, ${(manifest.bytes / 2 ** 20).toFixed(0)} MiB, median of ${size.ingestRuns}`;
  const status = ingestFailure ? 'ERROR' : null;
  const rows = [
    makeRow({
      name: 'ingest-jsonl',
      measured: ingestMs,
      floor: floorMs,
      ratio: ingestMs / floorMs,
      target: 2.0,
      unit: 'ms',
      status,
      note,
    }),
    makeRow({
      name: 'ingest-jsonl-rss',
      measured: peakRss,
      target: 250,
      unit: 'MiB',
      status,
      note:
        ingestFailure ??
        `max over ${size.ingestRuns} runs; parse floor ${mib(Math.max(...floors.map((run) => run.peakRssMiB ?? 0)))}`,
    }),
  ];
  if (ingestFailure) {
    rows.push(skippedRow('ingest-jsonl-agree', 0, 'rel. diff', 'ingest failed, nothing to check'));
    return rows;
  }
  // The ingest must not be fast because it dropped rows: the report must add up to the truth.
  const report = await runMeasured(NODE, [LLMCOST_BIN, '--db', database, ...REPORT_ARGS], { env, rssMethod });
  const reportFailure = failureOf(report);
  if (reportFailure) {
    rows.push(
      makeRow({
        name: 'ingest-jsonl-agree',
        measured: null,
        target: 0,
        unit: 'rel. diff',
        status: 'ERROR',
        note: `report: ${reportFailure}`,
      }),
    );
  } else {
    const comparison = compareDailyTotals(
      dailyTotalsFromLlmcost(parseJsonOutput(report, 'llmcost report')),
      dailyTotalsFromManifest(manifest),
    );
    rows.push(agreementRow('ingest-jsonl-agree', comparison, 'llmcost report vs generator truth'));
  }
  return rows;
}

function agreementRow(name, comparison, what) {
  const worst = comparison.worstDay
    ? `; worst ${comparison.worstDay.day}: ${comparison.worstDay.left} vs ${comparison.worstDay.right}`
    : '';
  return makeRow({
    name,
    measured: comparison.maxRelativeDifference,
    target: 0,
    unit: 'rel. diff',
    note: `${what}: ${comparison.days} days, totals ${comparison.leftTotal} vs ${comparison.rightTotal}${worst}`,
    details: comparison,
  });
}

async function benchReport({ size, env, rssMethod, cliProblem, database, databaseReady }) {
  if (cliProblem) return [skippedRow('report-day-model', 3, 'ratio', cliProblem)];
  if (!databaseReady) {
    const { dataPath } = ensureJsonlData(size.jsonlLines);
    removeDatabase(database);
    log('report: ingesting the llmcost-jsonl file first (not measured)');
    const ingest = await runMeasured(
      NODE,
      [LLMCOST_BIN, '--db', database, '--quiet', 'ingest', dataPath, '--from', 'llmcost-jsonl'],
      { env, rssMethod },
    );
    const failure = failureOf(ingest);
    if (failure)
      return [
        makeRow({
          name: 'report-day-model',
          measured: null,
          target: 3,
          unit: 'ratio',
          status: 'ERROR',
          note: `ingest: ${failure}`,
        }),
      ];
  }
  const versions = [];
  const reports = [];
  let failure = null;
  for (let i = 0; i <= size.reportRuns; i += 1) {
    const version = await runMeasured(NODE, [LLMCOST_BIN, '--version'], { env, rssMethod });
    const report = await runMeasured(NODE, [LLMCOST_BIN, '--db', database, ...REPORT_ARGS], {
      env,
      rssMethod,
    });
    failure ??= failureOf(version) ?? failureOf(report);
    if (i === 0) continue; // warm-up
    versions.push(version);
    reports.push(report);
  }
  const versionMs = median(versions.map((run) => run.wallMs));
  const reportMs = median(reports.map((run) => run.wallMs));
  log(
    `report: median ${seconds(reportMs)} (${mib(reports.at(-1).peakRssMiB)}), --version ${seconds(versionMs)}`,
  );
  const rowCount = failure ? 0 : parseJsonOutput(reports.at(-1), 'llmcost report').rows.length;
  return [
    makeRow({
      name: 'report-day-model',
      measured: reportMs,
      floor: versionMs,
      ratio: reportMs / versionMs,
      target: 3,
      unit: 'ms',
      status: failure ? 'ERROR' : null,
      note:
        failure ??
        `${size.jsonlLines} records → ${rowCount} rows, median of ${size.reportRuns}; peak RSS ${mib(Math.max(...reports.map((run) => run.peakRssMiB ?? 0)))}`,
    }),
  ];
}

async function benchHelp({ size, env, rssMethod, cliProblem }) {
  if (cliProblem) return [skippedRow('help', 2, 'ratio', cliProblem)];
  const floors = [];
  const helps = [];
  let failure = null;
  for (let i = 0; i <= size.startupRuns; i += 1) {
    const floor = await runMeasured(NODE, ['-e', '0'], { env, rssMethod });
    const help = await runMeasured(NODE, [LLMCOST_BIN, '--help'], { env, rssMethod });
    failure ??= failureOf(help);
    if (i === 0) continue; // warm-up
    floors.push(floor);
    helps.push(help);
  }
  const floorMs = median(floors.map((run) => run.wallMs));
  const helpMs = median(helps.map((run) => run.wallMs));
  log(
    `help: median ${seconds(helpMs)} (${mib(helps.at(-1).peakRssMiB)}), node -e 0 ${seconds(floorMs)} (${mib(floors.at(-1).peakRssMiB)})`,
  );
  return [
    makeRow({
      name: 'help',
      measured: helpMs,
      floor: floorMs,
      ratio: helpMs / floorMs,
      target: 2,
      unit: 'ms',
      status: failure ? 'ERROR' : null,
      note:
        failure ??
        `median of ${size.startupRuns}; peak RSS ${mib(helps.at(-1).peakRssMiB)} vs ${mib(floors.at(-1).peakRssMiB)}`,
    }),
  ];
}

async function benchClaudeCode({ size, env, rssMethod, cliProblem, home, context }) {
  const { rootDir, manifest } = await ensureClaudeCodeCorpus(size.claudeUsageLines);
  const corpusNote = `${manifest.usageLines} usage lines, ${manifest.files} files, ${(manifest.bytes / 1e9).toFixed(2)} GB`;
  const truth = dailyTotalsFromManifest(manifest);
  const ccEnv = childEnv(home, { CLAUDE_CONFIG_DIR: rootDir });
  const projectsDir = join(rootDir, 'projects');
  const rows = [];

  let ccusage = null;
  let ccusageProblem = null;
  try {
    ccusage = installCcusage({
      version: CCUSAGE_VERSION,
      prefixDir: join(WORK_DIR, `ccusage-${CCUSAGE_VERSION}`),
      log,
    });
    context.ccusage = ccusage;
  } catch (error) {
    ccusageProblem = `ccusage unavailable: ${error.message}`;
    log(ccusageProblem);
  }

  // ccusage runs before and after llmcost and the reference is their mean, so load that drifts
  // during the run (this machine is shared) weighs on both sides alike.
  const ccusageRuns = [];
  let ccusageTotals = null;
  const runCcusage = async (label) => {
    await warmPageCache(projectsDir, `before ccusage (${label})`);
    const run = await runMeasured(ccusage.binaryPath, CCUSAGE_ARGS, { env: ccEnv, rssMethod });
    const failure = failureOf(run);
    log(`ccusage ${CCUSAGE_ARGS.join(' ')} (${label}): ${runSummary(run)}${failure ? ` — ${failure}` : ''}`);
    if (failure) {
      ccusageProblem = `ccusage failed: ${failure}`;
      return;
    }
    ccusageRuns.push(run);
    ccusageTotals ??= dailyTotalsFromCcusage(parseJsonOutput(run, 'ccusage'));
  };
  if (ccusage) await runCcusage('1st');
  if (ccusageTotals) {
    rows.push(
      agreementRow(
        'ccusage-vs-truth',
        compareDailyTotals(ccusageTotals, truth),
        'ccusage vs generator truth',
      ),
    );
  }
  // Context, not a target: what JSON.parse of every line alone costs on this corpus (one thread).
  await warmPageCache(projectsDir, 'before the parse floor');
  const parseFloor = await runMeasured(NODE, [PARSE_FLOOR, projectsDir], { env, rssMethod });
  log(`parse floor over the corpus: ${runSummary(parseFloor)} (${firstLine(parseFloor.stdout)})`);
  if (!failureOf(parseFloor)) {
    const reference = ccusageRuns[0]?.wallMs ?? null;
    rows.push(
      makeRow({
        name: 'cc-parse-floor',
        measured: parseFloor.wallMs,
        floor: reference,
        ratio: reference === null ? null : parseFloor.wallMs / reference,
        target: null,
        unit: 'ms',
        status: 'INFO',
        note: `JSON.parse of every line, one thread, nothing stored (vs ccusage's 1st run): ${firstLine(parseFloor.stdout)}, ${mib(parseFloor.peakRssMiB)}`,
      }),
    );
  }

  const llmcostTargets = [
    ['cc-first', 1.0, 'ratio'],
    ['cc-peak-rss', 0.5, 'ratio'],
    ['cc-rerun', 0.05, 'ratio'],
    ['cc-agree', 0, 'rel. diff'],
  ];
  if (cliProblem)
    return [
      ...rows,
      ...llmcostTargets.map(([name, target, unit]) => skippedRow(name, target, unit, cliProblem)),
    ];

  const database = join(WORK_DIR, `claude-code-${size.claudeUsageLines}.db`);
  removeDatabase(database);
  const ingestArgs = [LLMCOST_BIN, '--db', database, '--quiet', 'ingest', '--from', 'claude-code'];
  await warmPageCache(projectsDir, 'before llmcost');
  const firstIngest = await runMeasured(NODE, ingestArgs, { env: ccEnv, rssMethod });
  log(
    `llmcost first ingest: ${runSummary(firstIngest)}${failureOf(firstIngest) ? ` — ${failureOf(firstIngest)}` : ''}`,
  );
  if (failureOf(firstIngest)) {
    const failure = `ingest: ${failureOf(firstIngest)}`;
    return [
      ...rows,
      ...llmcostTargets.map(([name, target, unit]) =>
        makeRow({ name, measured: null, target, unit, status: 'ERROR', note: failure }),
      ),
    ];
  }
  const report = await runMeasured(NODE, [LLMCOST_BIN, '--db', database, ...REPORT_ARGS], {
    env: ccEnv,
    rssMethod,
  });
  log(`llmcost report: ${runSummary(report)}${failureOf(report) ? ` — ${failureOf(report)}` : ''}`);
  const reruns = [];
  for (let i = 0; i < size.rerunRuns; i += 1)
    reruns.push(await runMeasured(NODE, ingestArgs, { env: ccEnv, rssMethod }));
  const rerunMs = median(reruns.map((run) => run.wallMs));
  log(
    `llmcost re-run ingest: median ${seconds(rerunMs)} of ${reruns.map((run) => seconds(run.wallMs)).join(', ')}`,
  );
  if (ccusageRuns.length > 0) await runCcusage('2nd');

  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const ccusageMs = ccusageRuns.length > 0 ? mean(ccusageRuns.map((run) => run.wallMs)) : null;
  const ccusagePeak =
    ccusageRuns.length > 0 && ccusageRuns.every((run) => run.peakRssMiB !== null)
      ? mean(ccusageRuns.map((run) => run.peakRssMiB))
      : null;
  const ccusageNote = `ccusage runs ${ccusageRuns.map(runSummary).join(' | ')}`;
  if (ccusageRuns.length === 2) {
    const [a, b] = ccusageRuns.map((run) => run.wallMs);
    if (Math.abs(a - b) / Math.min(a, b) > 0.25)
      log(
        `warning: the two ccusage runs differ by more than 25% (${seconds(a)}, ${seconds(b)}): the machine is noisy`,
      );
  }
  const llmcostFailure = failureOf(report) ?? reruns.map(failureOf).find(Boolean) ?? null;
  const status = llmcostFailure ? 'ERROR' : ccusageMs !== null ? null : 'SKIP';
  const note = (text) => llmcostFailure ?? (ccusageMs === null ? ccusageProblem : null) ?? text;
  const firstMs = firstIngest.wallMs + report.wallMs;
  const llmcostPeak =
    firstIngest.peakRssMiB === null || report.peakRssMiB === null
      ? null
      : Math.max(firstIngest.peakRssMiB, report.peakRssMiB);
  rows.push(
    makeRow({
      name: 'cc-first',
      measured: firstMs,
      floor: ccusageMs,
      ratio: ccusageMs === null ? null : firstMs / ccusageMs,
      target: 1.0,
      unit: 'ms',
      status,
      note: note(
        `ingest ${seconds(firstIngest.wallMs)} + report ${seconds(report.wallMs)}; ${corpusNote}; ${ccusageNote}`,
      ),
    }),
    makeRow({
      name: 'cc-peak-rss',
      measured: llmcostPeak,
      floor: ccusagePeak,
      ratio: llmcostPeak === null || ccusagePeak === null ? null : llmcostPeak / ccusagePeak,
      target: 0.5,
      unit: 'MiB',
      status,
      note: note(`llmcost ingest ${mib(firstIngest.peakRssMiB)}, report ${mib(report.peakRssMiB)}`),
    }),
    makeRow({
      name: 'cc-rerun',
      measured: rerunMs,
      floor: ccusageMs,
      ratio: ccusageMs === null ? null : rerunMs / ccusageMs,
      target: 0.05,
      unit: 'ms',
      status,
      note: note(`median of ${size.rerunRuns}`),
    }),
  );
  if (failureOf(report)) {
    rows.push(
      makeRow({
        name: 'cc-agree',
        measured: null,
        target: 0,
        unit: 'rel. diff',
        status: 'ERROR',
        note: `report: ${failureOf(report)}`,
      }),
    );
    return rows;
  }
  const llmcostTotals = dailyTotalsFromLlmcost(parseJsonOutput(report, 'llmcost report'));
  const versusTruth = compareDailyTotals(llmcostTotals, truth);
  if (ccusageTotals) {
    const agreement = agreementRow(
      'cc-agree',
      compareDailyTotals(llmcostTotals, ccusageTotals),
      'llmcost vs ccusage',
    );
    agreement.note += `; llmcost vs truth: max rel. diff ${versusTruth.maxRelativeDifference.toExponential(2)}`;
    rows.push(agreement);
  } else {
    rows.push(agreementRow('cc-agree', versusTruth, 'llmcost vs generator truth (ccusage unavailable)'));
  }
  return rows;
}

// ───────────────────────────── output ─────────────────────────────

function formatMeasure(value, unit) {
  if (value === null || value === undefined) return '—';
  if (unit === 'ms') return seconds(value);
  if (unit === 'MiB') return mib(value);
  if (unit === 'rel. diff') return value === 0 ? '0' : value.toExponential(2);
  return value.toFixed(2);
}

function renderTable(rows) {
  const header = ['name', 'measured', 'floor', 'ratio', 'target', 'result'];
  const lines = rows.map((row) => [
    row.name,
    formatMeasure(row.measured, row.unit),
    formatMeasure(row.floor, row.unit),
    row.ratio === null ? '—' : row.ratio.toFixed(row.ratio < 0.1 ? 4 : 2),
    row.target === null
      ? '—'
      : `≤ ${row.unit === 'MiB' && row.ratio === null ? `${row.target} MiB` : row.target}`,
    row.status,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const format = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  // Rows that share a note (typically one failure behind several figures) print it once.
  const namesByNote = new Map();
  for (const row of rows.filter((candidate) => candidate.note))
    namesByNote.set(row.note, [...(namesByNote.get(row.note) ?? []), row.name]);
  const notes = [...namesByNote].map(([note, names]) => `  ${names.join(', ')}: ${note}`);
  return [
    format(header),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...lines.map(format),
    '',
    ...notes,
    '',
  ].join('\n');
}

function machineDescription(rssMethod) {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: `${cpuList.length} × ${cpuList[0]?.model ?? 'unknown'}`,
    availableParallelism: availableParallelism(),
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    rssMethod,
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
}

/** Other processes competing for the CPU make every figure noisy; say so rather than hide it. */
function warnIfBusy(when) {
  const [oneMinute] = loadavg();
  const cores = availableParallelism();
  if (oneMinute > 0.5 * cores)
    log(
      `warning: load average ${oneMinute.toFixed(2)} on ${cores} cores ${when}: other processes are competing, figures will be noisy`,
    );
  return Number(oneMinute.toFixed(2));
}

async function main() {
  const options = parseOptions();
  if (options.llmcostPath) LLMCOST_BIN = options.llmcostPath;
  const size = options.quick ? SIZES.quick : SIZES.full;
  const rssMethod = detectRssMethod(options.rssMethod);
  if (rssMethod === 'none')
    log('no way to measure peak RSS here (no GNU time, python3 or /proc): RSS figures will be n/a');
  const machine = machineDescription(rssMethod);
  log(
    `node ${machine.node}, ${machine.cpu}, ${machine.memoryGiB} GiB, peak RSS via ${rssMethod}${options.quick ? ', QUICK sizes' : ''}`,
  );
  warnIfBusy('at start');
  mkdirSync(WORK_DIR, { recursive: true });
  const home = join(WORK_DIR, 'home');
  mkdirSync(home, { recursive: true });
  const env = childEnv(home);
  const cliProblem = checkCli(env);
  if (cliProblem) log(`CLI not usable, its figures are skipped: ${cliProblem}`);
  const database = join(WORK_DIR, `llmcost-${size.jsonlLines}.db`);
  const context = { ccusage: null };
  const startedAt = new Date();
  const rows = [];
  let databaseReady = false;
  for (const group of GROUPS.filter((name) => options.groups.includes(name))) {
    const shared = { size, env, rssMethod, cliProblem, home, database, databaseReady, context };
    const startedMs = performance.now();
    if (group === 'ingest') {
      const ingestRows = await benchIngest(shared);
      databaseReady = ingestRows[0].status !== 'ERROR' && ingestRows[0].status !== 'SKIP';
      rows.push(...ingestRows);
    } else if (group === 'report') rows.push(...(await benchReport(shared)));
    else if (group === 'help') rows.push(...(await benchHelp(shared)));
    else rows.push(...(await benchClaudeCode(shared)));
    log(`${group} done in ${seconds(performance.now() - startedMs)}`);
  }
  machine.loadAverageAtEnd = warnIfBusy('at the end');
  process.stdout.write(`\n${renderTable(rows)}`);
  const results = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Number(((Date.now() - startedAt.getTime()) / 1000).toFixed(1)),
    quick: options.quick,
    groups: options.groups,
    machine,
    ccusage: context.ccusage && {
      version: context.ccusage.version,
      nativePackage: context.ccusage.nativePackage,
      binary: relative(REPO_DIR, context.ccusage.binaryPath),
      launcher: relative(REPO_DIR, context.ccusage.launcherPath),
      command: `CLAUDE_CONFIG_DIR=<corpus> ${relative(REPO_DIR, context.ccusage.binaryPath)} ${CCUSAGE_ARGS.join(' ')}`,
    },
    rows,
  };
  const resultsPath = join(WORK_DIR, 'results.json');
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`results: ${relative(process.cwd(), resultsPath)}\n`);
}

process.once('SIGINT', () => {
  killRunningChildren();
  process.exit(130);
});

try {
  await main();
} catch (error) {
  killRunningChildren();
  process.stderr.write(`[bench] harness error: ${error.stack ?? error}\n`);
  process.exitCode = 1;
}
