#!/usr/bin/env node
// Forecast accuracy benchmark (issue 7, "Measured accuracy"): never part of `npm test`.
//
//   npm run build && node test/bench/forecast-accuracy.mjs [--datasets <dir>] [--only m4-hourly,m4-weekly,servegen]
//                                                         [--limit <series>] [--workers 2] [--validate]
//
// 1. Scores the official M4 benchmark forecasts (Naive, sNaive, Naive2, SES) with our sMAPE/MASE and
//    compares with the published figures to 3 decimals: this proves the metric implementation.
// 2. Runs llmcost's forecaster (`auto` and every candidate method) on M4 Hourly (414 series, h = 48) and
//    Weekly (359, h = 13): sMAPE, MASE and the empirical coverage of the 80% band on the test part.
// 3. The same on real LLM traffic (ServeGen, Alibaba Bailian): hourly totals of three language models
//    and their ten busiest clients, the last 2 days held out.
// `--validate` holds out the last horizon of each TRAINING series instead of the test part: use it (and
// only it) when tuning, so the M4 test part is never tuned on.
// Needs the datasets folder (default ../shared/datasets next to the repository); without it, says so
// and exits 0. Results also go to test/bench/.work/forecast-accuracy.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(REPO_ROOT, 'dist', 'forecast');
const INTERVAL_LEVEL = 0.8;

// ---------------------------------------------------------------------------------------------- worker

async function runWorker() {
  const { forecastSeries } = await import(join(DIST, 'forecast-series.js'));
  const { runMethod } = await import(join(DIST, 'forecast-methods.js'));
  const { predictionBand } = await import(join(DIST, 'predictive-distribution.js'));
  const { widenToCoverage } = await import(join(DIST, 'widen-to-coverage.js'));
  const { smape, mase, maseScale, coverage } = await import(join(DIST, 'accuracy-metrics.js'));
  const { tasks, options } = workerData;
  const results = [];
  for (const task of tasks) {
    const { values, actual, horizon, periods, masePeriod } = task;
    const scale = maseScale(values, masePeriod);
    const forecast = forecastSeries(values, {
      horizon,
      periods,
      method: 'auto',
      intervalLevel: INTERVAL_LEVEL,
      isNonNegative: true,
      maxOrigins: options.maxOrigins,
      combineTop: options.combineTop,
    });
    const score = (points, lower, upper) => ({
      smape: smape(actual, points),
      mase: mase(actual, points, scale),
      coverage: lower === null ? null : coverage(actual, lower, upper),
    });
    const methods = { auto: score(forecast.points, forecast.lower, forecast.upper) };
    for (const candidate of forecast.ranking) {
      const points = runMethod(candidate.spec, values, horizon);
      if (points === null) continue;
      const clipped = points.map((value) => Math.max(0, value));
      const errorScale = widenToCoverage(candidate.backtest, INTERVAL_LEVEL);
      const band = predictionBand(
        { points: clipped, errors: candidate.backtest.errors, errorScale, isNonNegative: true },
        INTERVAL_LEVEL,
      );
      methods[candidate.label] = score(clipped, band.lower, band.upper);
    }
    results.push({ id: task.id, chosen: forecast.methodLabel, methods });
    parentPort.postMessage({ progress: 1 });
  }
  parentPort.postMessage({ results });
}

// ------------------------------------------------------------------------------------------------ main

function parseArgs(argv) {
  const args = {
    datasets: resolve(REPO_ROOT, '..', 'shared', 'datasets'),
    only: null,
    limit: Infinity,
    workers: 2,
    validate: false,
    maxOrigins: 8,
    combineTop: 1,
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const next = () => {
      const value = argv[++index];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      return value;
    };
    if (flag === '--datasets') args.datasets = resolve(next());
    else if (flag === '--only') args.only = new Set(next().split(','));
    else if (flag === '--limit') args.limit = Number(next());
    else if (flag === '--workers') args.workers = Number(next());
    else if (flag === '--max-origins') args.maxOrigins = Number(next());
    else if (flag === '--combine-top') args.combineTop = Number(next());
    else if (flag === '--validate') args.validate = true;
    else throw new Error(`unknown flag ${flag}`);
  }
  return args;
}

function readGzipLines(path) {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** M4 `"id","v1","v2",...` rows (short rows padded with empty fields) → Map id → numbers. */
function readM4Series(path) {
  const series = new Map();
  for (const line of readGzipLines(path).slice(1)) {
    const fields = line.split(',').map((field) => field.replaceAll('"', ''));
    series.set(
      fields[0],
      fields
        .slice(1)
        .filter((field) => field !== '')
        .map(Number),
    );
  }
  return series;
}

function readBenchmarkForecasts(path) {
  const byMethod = new Map();
  for (const line of readGzipLines(path).slice(1)) {
    const [method, id, ...values] = line.split(',');
    if (!byMethod.has(method)) byMethod.set(method, new Map());
    byMethod.get(method).set(id, values.filter((value) => value !== '').map(Number));
  }
  return byMethod;
}

function readPublished(path) {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const published = new Map();
  for (const row of rows) {
    // Team names are quoted and contain no commas after the quoting used in this file.
    const fields = row
      .match(/("[^"]*"|[^,]*)(,|$)/g)
      .map((field) => field.replace(/,$/, '').replaceAll('"', ''));
    published.set(fields[0], Object.fromEntries(columns.map((column, index) => [column, fields[index]])));
  }
  return published;
}

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const fixed = (value, digits = 3) => (value === null || Number.isNaN(value) ? '-' : value.toFixed(digits));

async function runTasks(tasks, args, label) {
  const chunks = Array.from({ length: args.workers }, () => []);
  tasks.forEach((task, index) => chunks[index % args.workers].push(task));
  let done = 0;
  const started = Date.now();
  const parts = await Promise.all(
    chunks
      .filter((chunk) => chunk.length > 0)
      .map(
        (chunk) =>
          new Promise((resolvePart, reject) => {
            const worker = new Worker(fileURLToPath(import.meta.url), {
              workerData: {
                tasks: chunk,
                options: { maxOrigins: args.maxOrigins, combineTop: args.combineTop },
              },
            });
            worker.on('message', (message) => {
              if (message.progress) {
                done += message.progress;
                if (process.stderr.isTTY) process.stderr.write(`\r${label}: ${done}/${tasks.length} series`);
              } else resolvePart(message.results);
            });
            worker.on('error', reject);
          }),
      ),
  );
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  return { results: parts.flat(), seconds: (Date.now() - started) / 1000 };
}

/** Mean sMAPE/MASE/coverage per method over the series where the method applied. */
function summarize(results) {
  const byMethod = new Map();
  for (const result of results) {
    for (const [method, score] of Object.entries(result.methods)) {
      if (!byMethod.has(method)) byMethod.set(method, []);
      byMethod.get(method).push(score);
    }
  }
  const rows = [...byMethod].map(([method, scores]) => {
    const covered = scores.filter((score) => score.coverage !== null);
    return {
      method,
      series: scores.length,
      smape: mean(scores.map((score) => score.smape)),
      mase: mean(scores.map((score) => score.mase)),
      coverage: covered.length === 0 ? null : mean(covered.map((score) => score.coverage)),
    };
  });
  rows.sort((a, b) => (a.method === 'auto' ? -1 : b.method === 'auto' ? 1 : a.smape - b.smape));
  const chosen = new Map();
  for (const result of results) chosen.set(result.chosen, (chosen.get(result.chosen) ?? 0) + 1);
  return { rows, chosen: [...chosen].sort((a, b) => b[1] - a[1]) };
}

function printSummary(title, summary, total) {
  console.log(`\n${title}`);
  console.log('method                      series   sMAPE    MASE  cover80');
  for (const row of summary.rows) {
    console.log(
      `${row.method.padEnd(26)} ${String(row.series).padStart(7)} ${fixed(row.smape).padStart(7)} ${fixed(row.mase).padStart(7)} ${row.coverage === null ? '      -' : `${(100 * row.coverage).toFixed(1).padStart(6)}%`}`,
    );
  }
  console.log(
    `auto chose: ${summary.chosen.map(([method, count]) => `${method} ${count}`).join(', ')} (of ${total})`,
  );
}

async function benchM4(frequency, args, metrics, report) {
  const dir = join(args.datasets, 'm4');
  const train = readM4Series(join(dir, `${frequency}-train.csv.gz`));
  const test = readM4Series(join(dir, `${frequency}-test.csv.gz`));
  const horizon = frequency === 'Hourly' ? 48 : 13;
  const masePeriod = frequency === 'Hourly' ? 24 : 1;
  const periods = frequency === 'Hourly' ? [24, 168] : [52];
  const key = frequency.toLowerCase();

  // 1. The official benchmark forecasts, scored with our metrics, against the published figures.
  const published = readPublished(join(dir, 'published-point-accuracy.csv'));
  const official = readBenchmarkForecasts(join(dir, `benchmark-forecasts-${frequency}.csv.gz`));
  console.log(
    `\nM4 ${frequency}: official benchmark forecasts scored by llmcost's metrics (test part, all series)`,
  );
  console.log('method    sMAPE  published    MASE  published  match');
  const reproduction = [];
  for (const [method, forecasts] of official) {
    const smapes = [];
    const mases = [];
    for (const [id, actual] of test) {
      const history = train.get(id);
      const forecast = forecasts.get(id).slice(0, horizon);
      smapes.push(metrics.smape(actual, forecast));
      mases.push(metrics.mase(actual, forecast, metrics.maseScale(history, masePeriod)));
    }
    const row = published.get(method);
    const ours = { smape: mean(smapes), mase: mean(mases) };
    const expected = { smape: Number(row[`sMAPE_${frequency}`]), mase: Number(row[`MASE_${frequency}`]) };
    const match = fixed(ours.smape) === fixed(expected.smape) && fixed(ours.mase) === fixed(expected.mase);
    console.log(
      `${method.padEnd(7)} ${fixed(ours.smape).padStart(7)} ${fixed(expected.smape).padStart(10)} ${fixed(ours.mase).padStart(7)} ${fixed(expected.mase).padStart(10)}  ${match ? 'yes' : 'NO'}`,
    );
    reproduction.push({ method, ...ours, published: expected, match });
  }

  // 2. llmcost's forecaster.
  const ids = [...train.keys()].slice(0, args.limit);
  const tasks = ids.map((id) => {
    const history = train.get(id);
    return args.validate
      ? {
          id,
          values: history.slice(0, -horizon),
          actual: history.slice(-horizon),
          horizon,
          periods,
          masePeriod,
        }
      : { id, values: history, actual: test.get(id), horizon, periods, masePeriod };
  });
  const { results, seconds } = await runTasks(tasks, args, `M4 ${frequency}`);
  const summary = summarize(results);
  printSummary(
    `M4 ${frequency}: llmcost forecasts, ${args.validate ? 'VALIDATION (last horizon of the training part)' : 'test part'}, h = ${horizon}, ${ids.length} series, ${seconds.toFixed(0)} s`,
    summary,
    ids.length,
  );
  report[`m4-${key}`] = {
    reproduction,
    horizon,
    series: ids.length,
    seconds,
    validate: args.validate,
    ...summary,
  };
}

/** ServeGen language models: 10-minute totals → hourly; per-client rates → hourly requests. */
async function benchServegen(args, report) {
  const dir = join(args.datasets, 'servegen');
  const tasks = [];
  const horizon = 48;
  const addSeries = (id, hourly) => {
    tasks.push({
      id,
      values: hourly.slice(0, -horizon),
      actual: hourly.slice(-horizon),
      horizon,
      periods: [24, 168],
      masePeriod: 24,
    });
  };
  for (const model of ['m-large', 'm-mid', 'm-small']) {
    const lines = readGzipLines(join(dir, `${model}-total-10min.csv.gz`));
    const columns = lines[0].split(',');
    const rows = lines.slice(1).map((line) => line.split(',').map(Number));
    for (const column of ['requests_est', 'input_tokens_est_covered', 'output_tokens_est_covered']) {
      const index = columns.indexOf(column);
      const hourly = new Array(Math.floor(rows.length / 6)).fill(0);
      for (const row of rows) {
        const hour = Math.floor(row[0] / 3600);
        if (hour < hourly.length) hourly[hour] += row[index];
      }
      addSeries(`${model}/${column}`, hourly);
    }
    // The ten busiest clients' hourly requests (rate × 600 s per 10-minute window).
    const clientLines = readGzipLines(join(dir, `${model}-client-rates.csv.gz`));
    const byClient = new Map();
    for (const line of clientLines.slice(1)) {
      const [client, time, rate] = line.split(',');
      const hour = Math.floor(Number(time) / 3600);
      if (hour >= 336) continue;
      if (!byClient.has(client)) byClient.set(client, new Array(336).fill(0));
      byClient.get(client)[hour] += Number(rate) * 600;
    }
    const busiest = [...byClient]
      .sort((a, b) => mean(b[1]) - mean(a[1]) || a[0].localeCompare(b[0]))
      .slice(0, 10);
    for (const [client, hourly] of busiest) addSeries(`${model}/client-${client}`, hourly);
  }
  const { results, seconds } = await runTasks(tasks.slice(0, args.limit), args, 'ServeGen');
  const summary = summarize(results);
  printSummary(
    `ServeGen (Alibaba Bailian, 14 days): hourly requests/tokens of 3 language models + their 10 busiest clients, last 48 h held out, ${results.length} series, ${seconds.toFixed(0)} s`,
    summary,
    results.length,
  );
  report.servegen = { horizon, series: results.length, seconds, ...summary };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.datasets)) {
    console.log(
      `forecast-accuracy: no datasets folder at ${args.datasets}; skipping (pass --datasets <dir>).`,
    );
    return;
  }
  if (!existsSync(join(DIST, 'forecast-series.js'))) {
    console.error('forecast-accuracy: dist/forecast is missing; run `npm run build` first.');
    process.exitCode = 1;
    return;
  }
  const metrics = await import(join(DIST, 'accuracy-metrics.js'));
  const report = {
    measuredAt: new Date().toISOString(),
    intervalLevel: INTERVAL_LEVEL,
    maxOrigins: args.maxOrigins,
  };
  const wants = (name) => args.only === null || args.only.has(name);
  const started = Date.now();
  if (wants('m4-hourly') && existsSync(join(args.datasets, 'm4')))
    await benchM4('Hourly', args, metrics, report);
  if (wants('m4-weekly') && existsSync(join(args.datasets, 'm4')))
    await benchM4('Weekly', args, metrics, report);
  if (wants('servegen') && existsSync(join(args.datasets, 'servegen'))) await benchServegen(args, report);
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const work = join(REPO_ROOT, 'test', 'bench', '.work');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'forecast-accuracy.json'), `${JSON.stringify(report, null, 2)}\n`);
}

if (isMainThread) await main();
else await runWorker();
