// Evaluation of `llmcost anomalies` (never part of npm test). Run after `npm run build`:
//
//   node test/bench/anomaly-eval.mjs [--seeds N] [--tuning] [--datasets <dir>] [--skip-nab]
//     [--sensitivity low|medium|high] [--show-fp] [--show-fn]
//   node test/bench/anomaly-eval.mjs --debug <scenario seed> --raw-seed [--unit day|hour] [--series <key>]
//     prints one scenario's truth and findings (the seeds --show-fp/--show-fn print), for tuning.
//
// 1. Synthetic cost cubes (models × projects × token classes, daily and hourly) with weekly (and daily)
//    seasonality, trends, noise and at most one injected anomaly of known start, size and cause:
//    spikes, drops (to zero or down), level shifts, and a token-class surge in one model. Precision,
//    recall, F1 and root-cause accuracy for `--method robust` and `--method zscore` side by side.
//    Reported seeds are 1…N; `--tuning` uses the disjoint seeds 100001… that thresholds were chosen on.
// 2. The real NAB series in <datasets>/nab (labelled windows; a detection inside a window is a hit).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createRandom, deriveSeed } from './seeded-random.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path) => join(REPO, 'dist', 'anomalies', path);
if (!existsSync(dist('detect-anomalies.js'))) {
  console.error('dist/anomalies is missing: run `npm run build` first.');
  process.exit(1);
}
const { detectAnomalies } = await import(dist('detect-anomalies.js'));
const { buildSeriesCalendar } = await import(dist('series-calendar.js'));
const { detectRobustEpisodes } = await import(dist('detect-robust-episodes.js'));
const { detectZscoreEpisodes } = await import(dist('detect-zscore-episodes.js'));
const { historyRequirements, ROBUST_THRESHOLDS } = await import(dist('detection-settings.js'));
const { TOKEN_CLASS_NAMES } = await import(dist('token-class.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const seedCount = Number(option('--seeds', '200'));

const isTuning = args.includes('--tuning');
const datasets = resolve(option('--datasets', join(REPO, '..', 'shared', 'datasets')));
const sensitivity = option('--sensitivity', 'medium');
const firstSeed = isTuning ? 100_001 : 1;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const START_MS = Date.UTC(2026, 0, 5); // a Monday
const MODELS = ['claude-sonnet-4-5', 'gpt-4o', 'gemini-2.5-pro', 'claude-haiku-4-5'];
const PROJECTS = ['search', 'support-bot', 'code-review'];
const KINDS = ['none', 'spike', 'drop', 'level_shift', 'token_surge'];

/** Where, when, how long and how large the injected incident is. */
function drawIncident(random, unit, kind, modelCount, bucketCount, evaluateFrom) {
  const model = random.int(0, modelCount - 1);
  const projectScoped = kind !== 'token_surge' && random.chance(0.4);
  const project = random.int(0, PROJECTS.length - 1);
  const tokenClass = random.pick([2, 3, 4]); // cache writes 5m, 1h, output
  const start = random.int(evaluateFrom, bucketCount - (unit === 'day' ? 4 : 30));
  const length =
    kind === 'spike' || kind === 'drop'
      ? unit === 'day'
        ? random.int(1, 3)
        : random.int(1, 8)
      : kind === 'level_shift'
        ? bucketCount - start
        : unit === 'day'
          ? random.int(2, 6)
          : random.int(6, 36);
  const end = Math.min(bucketCount - 1, start + length - 1);
  const factor =
    kind === 'spike'
      ? 2.5 + 3 * random.next()
      : kind === 'drop'
        ? random.chance(0.5)
          ? 0
          : 0.1 + 0.2 * random.next()
        : kind === 'level_shift'
          ? random.chance(0.5)
            ? 1.6 + 1.5 * random.next()
            : 0.25 + 0.25 * random.next()
          : 4 + 6 * random.next();
  return { model, projectScoped, project, tokenClass, start, end, factor };
}

/** One synthetic scenario: a cube and the anomaly injected in it (or none). */
function makeScenario(seed, unit) {
  const random = createRandom(seed);
  const bucketMs = unit === 'day' ? DAY_MS : HOUR_MS;
  const bucketCount = unit === 'day' ? 16 * 7 : 5 * 7 * 24;
  const evaluateFrom = unit === 'day' ? 10 * 7 : 3 * 7 * 24;
  const startsMs = Array.from({ length: bucketCount }, (_, index) => START_MS + index * bucketMs);
  const calendar = buildSeriesCalendar(
    unit,
    startsMs,
    START_MS + bucketCount * bucketMs,
    startsMs.map(() => false),
    'UTC',
  );
  const models = MODELS.slice(0, random.int(2, 4));
  const modelDaily = models.map(() => 20 * Math.exp(random.normal() * 1));
  const projectWeights = PROJECTS.map(() => 0.2 + random.next());
  const classShares = models.map(() => {
    const raw = [0.3, 0.15, 0.1, 0.05, 0.4].map((share) => share * (0.5 + random.next()));
    const sum = raw.reduce((a, b) => a + b, 0);
    return [...raw.map((share) => share / sum), 0];
  });
  const weekend = 0.25 + 0.6 * random.next();
  const weekdayShape = [1, 1.05, 1.1, 1.05, 0.95].map((factor) => factor * (0.9 + 0.2 * random.next()));
  const trendPerDay = -0.003 + 0.011 * random.next();
  const noise = 0.05 + 0.15 * random.next();
  const nightShare = 0.05 + 0.3 * random.next();
  const seasonOf = (index) => {
    const days = unit === 'day' ? index : Math.floor(index / 24);
    const weekday = days % 7;
    const daily = weekday < 5 ? weekdayShape[weekday] : weekend;
    if (unit === 'day') return daily;
    const hour = index % 24;
    const busy = hour >= 8 && hour < 19 ? 1 : nightShare;
    return (daily * busy * 24) / (11 + 13 * nightShare);
  };
  const dailyTotal = modelDaily.reduce((a, b) => a + b, 0) * projectWeights.reduce((a, b) => a + b, 0);
  const minImpactUsd = 0.1 * dailyTotal * (unit === 'day' ? 1 : 1 / 24);
  const baseAt = (index) =>
    seasonOf(index) *
    Math.exp(trendPerDay * (unit === 'day' ? index : index / 24)) *
    (unit === 'day' ? 1 : 1 / 24);
  const kind = KINDS[random.int(0, KINDS.length - 1)];
  // Incidents worth reporting: the injected change must move at least twice the minimum impact in
  // dollars (noise-free), else its parameters are drawn again.
  let draw;
  for (let attempt = 0; attempt < 50; attempt++) {
    draw = drawIncident(random, unit, kind, models.length, bucketCount, evaluateFrom);
    let trueImpact = 0;
    for (let index = draw.start; index <= draw.end; index++)
      models.forEach((_, m) =>
        projectWeights.forEach((weight, p) => {
          if (m !== draw.model || (draw.projectScoped && p !== draw.project)) return;
          classShares[m].forEach((share, c) => {
            if (kind !== 'token_surge' || c === draw.tokenClass)
              trueImpact += Math.abs(draw.factor - 1) * modelDaily[m] * weight * share * baseAt(index);
          });
        }),
      );
    if (trueImpact >= 2 * minImpactUsd) break;
  }
  const { model, projectScoped, project, tokenClass, start, end, factor } = draw;
  const isAffected = (index, m, p) =>
    kind !== 'none' && index >= start && index <= end && m === model && (!projectScoped || p === project);
  const cells = [];
  for (let index = 0; index < bucketCount; index++) {
    const days = unit === 'day' ? index : index / 24;
    const base = seasonOf(index) * Math.exp(trendPerDay * days) * (unit === 'day' ? 1 : 1 / 24);
    models.forEach((_, m) => {
      projectWeights.forEach((weight, p) => {
        const costsUsd = classShares[m].map((share, c) => {
          let amount = modelDaily[m] * weight * share * base * Math.exp(noise * random.normal());
          if (isAffected(index, m, p) && (kind !== 'token_surge' || c === tokenClass)) amount *= factor;
          return amount;
        });
        cells.push({ bucketIndex: index, values: [models[m], PROJECTS[p]], costsUsd });
      });
    });
  }
  return {
    seed,
    unit,
    cube: { calendar, dimensions: ['model', 'project'], cells },
    evaluateFrom,
    minImpactUsd,
    truth:
      kind === 'none'
        ? null
        : {
            kind,
            start,
            end,
            model: models[model],
            project: projectScoped ? PROJECTS[project] : null,
            tokenClass: kind === 'token_surge' ? TOKEN_CLASS_NAMES[tokenClass] : null,
          },
  };
}

function topValue(rootCause, dimension) {
  return rootCause.find((entry) => entry.dimension === dimension)?.value;
}

function scoreScenario(scenario, method) {
  const result = detectAnomalies(scenario.cube, {
    method,
    sensitivity,
    minImpactUsd: scenario.minImpactUsd,
    reportFromIndex: scenario.evaluateFrom,
    acknowledgedIds: new Set(),
  });
  const tolerance = scenario.unit === 'day' ? 1 : 3;
  const { truth } = scenario;
  let truePositives = 0;
  let falsePositives = 0;
  let rootCauseRight = 0;
  // The finding overlapping the injected anomaly most is the hit; other findings are false positives.
  const overlap = (finding) =>
    truth === null
      ? -1
      : Math.min(finding.endIndex, truth.end + tolerance) -
        Math.max(finding.startIndex, truth.start - tolerance);
  const best = result.findings.reduce(
    (chosen, finding) =>
      overlap(finding) >= 0 && (chosen === null || overlap(finding) > overlap(chosen)) ? finding : chosen,
    null,
  );
  let hit = false;
  for (const finding of result.findings) {
    if (finding !== best) {
      falsePositives += 1;
      if (args.includes('--show-fp'))
        console.log(
          'FP',
          scenario.seed,
          scenario.unit,
          method,
          truth?.kind ?? 'none',
          truth?.start,
          truth?.end,
          '|',
          finding.seriesKey,
          finding.kind,
          finding.startIndex,
          finding.endIndex,
          (finding.impactUsd / scenario.minImpactUsd).toFixed(1),
          finding.peakSigmas.toFixed(1),
          (finding.actualUsd / finding.expectedUsd).toFixed(2),
        );
      continue;
    }
    hit = true;
    truePositives += 1;
    const rightModel = topValue(finding.rootCause, 'model') === truth.model;
    const rightProject = truth.project === null || topValue(finding.rootCause, 'project') === truth.project;
    const rightClass =
      truth.tokenClass === null || topValue(finding.rootCause, 'tokenClass') === truth.tokenClass;
    if (rightModel && rightProject && rightClass) rootCauseRight += 1;
  }
  return {
    truePositives,
    falsePositives,
    falseNegatives: truth !== null && !hit ? 1 : 0,
    ...(args.includes('--show-fn') && truth !== null && !hit
      ? console.log('FN', scenario.seed, scenario.unit, method, JSON.stringify(truth))
      : {}),
    rootCauseRight,
    kind: truth?.kind ?? 'none',
  };
}

function summarize(scores) {
  const sum = (key) => scores.reduce((total, score) => total + score[key], 0);
  const tp = sum('truePositives');
  const fp = sum('falsePositives');
  const fn = sum('falseNegatives');
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1, rootCause: tp === 0 ? 0 : sum('rootCauseRight') / tp };
}

const pct = (value) => `${(100 * value).toFixed(1)}%`;
const fmt = (value) => value.toFixed(3);

function runSynthetic() {
  const rows = [];
  const perKind = new Map();
  for (const unit of ['day', 'hour']) {
    const count = unit === 'day' ? seedCount : Math.ceil(seedCount / 2);
    const scores = { robust: [], zscore: [] };
    for (let seed = firstSeed; seed < firstSeed + count; seed++) {
      const scenario = makeScenario(deriveSeed(seed, unit === 'day' ? 1 : 2), unit);
      for (const method of ['robust', 'zscore']) {
        const score = scoreScenario(scenario, method);
        scores[method].push(score);
        const key = `${unit} ${method} ${score.kind}`;
        perKind.set(key, [...(perKind.get(key) ?? []), score]);
      }
    }
    for (const method of ['robust', 'zscore'])
      rows.push({ unit, method, count, ...summarize(scores[method]) });
  }
  const all = { robust: [], zscore: [] };
  for (const [key, scores] of perKind) all[key.split(' ')[1]].push(...scores);
  for (const method of ['robust', 'zscore'])
    rows.push({ unit: 'both', method, count: all[method].length, ...summarize(all[method]) });
  console.log(
    `Synthetic cost cubes (${isTuning ? 'TUNING' : 'evaluation'} seeds from ${firstSeed}, sensitivity ${sensitivity}):`,
  );
  console.log('unit  method  scenarios    TP    FP    FN  precision  recall     F1  root cause right');
  for (const row of rows)
    console.log(
      `${row.unit.padEnd(4)}  ${row.method.padEnd(6)}  ${String(row.count).padStart(9)}  ${String(row.tp).padStart(4)}  ${String(row.fp).padStart(4)}  ${String(row.fn).padStart(4)}  ${fmt(row.precision).padStart(9)}  ${fmt(row.recall).padStart(6)}  ${fmt(row.f1).padStart(5)}  ${pct(row.rootCause).padStart(16)}`,
    );
  console.log('\nBy injected kind (TP/FN, FP):');
  for (const [key, scores] of [...perKind].sort()) {
    const summary = summarize(scores);
    console.log(
      `  ${key.padEnd(28)} n=${String(scores.length).padStart(3)}  TP ${summary.tp}  FN ${summary.fn}  FP ${summary.fp}  root cause ${pct(summary.rootCause)}`,
    );
  }
  return rows;
}

// ---- NAB ----

function parseNabTime(text) {
  return Date.parse(`${text.slice(0, 19).replace(' ', 'T')}Z`);
}

function runNab() {
  const root = join(datasets, 'nab');
  if (!existsSync(join(root, 'labels', 'combined_windows.json'))) {
    console.log(`\nNAB: no datasets at ${root} (pass --datasets <dir>); skipped.`);
    return;
  }
  const windows = JSON.parse(readFileSync(join(root, 'labels', 'combined_windows.json'), 'utf8'));
  const totals = {
    robust: { inWindow: 0, outside: 0, windowsHit: 0 },
    zscore: { inWindow: 0, outside: 0, windowsHit: 0 },
  };
  let windowCount = 0;
  for (const [file, fileWindows] of Object.entries(windows)) {
    const text = gunzipSync(readFileSync(join(root, 'data', `${file}.gz`))).toString('utf8');
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const times = rows.map((row) => parseNabTime(row[0]));
    const values = rows.map((row) => Number(row[1]));
    const intervalMs = times.length > 1 ? times[1] - times[0] : 300_000;
    const perDay = Math.max(1, Math.round(DAY_MS / intervalMs));
    // Seasonal slot: position in the day (NAB series are mostly 5-minute metrics with daily rhythms).
    const calendar = {
      unit: 'hour',
      startsMs: times,
      endMs: (times.at(-1) ?? 0) + intervalMs,
      isMissing: times.map(() => false),
      cycleLength: perDay,
      slots: times.map((time) => Math.floor((time % DAY_MS) / intervalMs) % perDay),
      isMonthStart: times.map(() => false),
    };
    const requirements = {
      ...historyRequirements('hour', 24),
      minHistory: Math.min(2 * perDay, Math.floor(0.15 * times.length)),
      zscoreWindow: perDay,
      seasonSamples: 4,
      scaleWindow: 2 * perDay,
      gapAllowance: 3,
    };
    const probationEnd = Math.floor(0.15 * times.length);
    const ranges = fileWindows.map(([from, to]) => [parseNabTime(from), parseNabTime(to)]);
    windowCount += ranges.length;
    for (const method of ['robust', 'zscore']) {
      // NAB values can be negative (temperatures): shift to positive, which a cost series always is.
      const minimum = Math.min(...values);
      const shifted = minimum <= 0 ? values.map((value) => value - minimum + 1) : values;
      const detection =
        method === 'robust'
          ? detectRobustEpisodes(shifted, calendar, requirements, ROBUST_THRESHOLDS[sensitivity])
          : detectZscoreEpisodes(shifted, requirements);
      const hitWindows = new Set();
      for (const episode of detection.episodes) {
        if (episode.startIndex < probationEnd) continue;
        const time = times[episode.startIndex];
        const windowIndex = ranges.findIndex(([from, to]) => time >= from && time <= to);
        if (windowIndex >= 0) {
          totals[method].inWindow += 1;
          hitWindows.add(windowIndex);
        } else totals[method].outside += 1;
      }
      totals[method].windowsHit += hitWindows.size;
    }
  }
  console.log(
    `\nNAB (${Object.keys(windows).length} series, ${windowCount} labelled windows; a detection = the start of an episode, after NAB's 15 % probation):`,
  );
  console.log('method  detections  in a window  precision  windows hit  recall');
  for (const method of ['robust', 'zscore']) {
    const { inWindow, outside, windowsHit } = totals[method];
    console.log(
      `${method.padEnd(6)}  ${String(inWindow + outside).padStart(10)}  ${String(inWindow).padStart(11)}  ${fmt(inWindow / Math.max(1, inWindow + outside)).padStart(9)}  ${String(windowsHit).padStart(11)}  ${fmt(windowsHit / windowCount).padStart(6)}`,
    );
  }
  console.log(
    '\nPublished NAB detectors, standard profile (Totals rows: TP = flagged records inside windows,',
  );
  console.log(
    'FP = flagged records outside; their precision TP/(TP+FP) is per flagged record, not per window):',
  );
  for (const detector of ['numenta', 'ARTime', 'contextOSE', 'twitterADVec', 'windowedGaussian', 'skyline']) {
    const path = join(root, 'results', `${detector}_standard_scores.csv`);
    if (!existsSync(path)) continue;
    const last = readFileSync(path, 'utf8').trim().split('\n').at(-1).split(',');
    const [tp, , fp] = [Number(last[5]), Number(last[6]), Number(last[7])];
    console.log(
      `  ${detector.padEnd(17)} TP ${String(tp).padStart(4)}  FP ${String(fp).padStart(4)}  precision ${fmt(tp / (tp + fp))}`,
    );
  }
}

if (args.includes('--debug')) {
  const seed = Number(option('--debug', '1'));
  const unit = option('--unit', 'day');
  const scenario = makeScenario(
    args.includes('--raw-seed') ? seed : deriveSeed(seed, unit === 'day' ? 1 : 2),
    unit,
  );
  console.log('truth', scenario.truth, 'minImpact', scenario.minImpactUsd);
  const result = detectAnomalies(scenario.cube, {
    method: option('--method', 'robust'),
    sensitivity,
    minImpactUsd: Number(option('--min', scenario.minImpactUsd)),
    reportFromIndex: scenario.evaluateFrom,
    acknowledgedIds: new Set(),
  });
  if (args.includes('--series')) {
    const { buildCostSeries } = await import(dist('build-cost-series.js'));
    const series = buildCostSeries(scenario.cube).find((entry) => entry.key === option('--series', 'total'));
    const requirements = historyRequirements(scenario.unit, scenario.cube.calendar.cycleLength);
    const detection = detectRobustEpisodes(
      series.valuesUsd,
      scenario.cube.calendar,
      requirements,
      ROBUST_THRESHOLDS[sensitivity],
    );
    series.valuesUsd.forEach((value, index) =>
      console.log(index, value.toFixed(2), detection.expected[index]?.toFixed(2)),
    );
    console.log(
      detection.episodes.map((e) => ({
        ...e,
        expectedUsd: e.expectedUsd.length,
        sigmaUsd: e.sigmaUsd.slice(0, 3),
      })),
    );
  }
  for (const f of result.findings)
    console.log(
      f.seriesKey,
      f.kind,
      f.startIndex,
      f.endIndex,
      f.expectedUsd.toFixed(2),
      f.actualUsd.toFixed(2),
      f.impactUsd.toFixed(2),
      f.peakSigmas.toFixed(1),
      JSON.stringify(
        f.rootCause
          .slice(0, 4)
          .map((e) => [e.dimension, e.value, e.impactUsd.toFixed(1), e.share.toFixed(2)]),
      ),
      f.seriesKeys.length,
    );
  process.exit(0);
}
const started = performance.now();
runSynthetic();
if (!args.includes('--skip-nab')) runNab();
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
