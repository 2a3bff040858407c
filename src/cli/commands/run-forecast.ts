import { existsSync } from 'node:fs';
import { buildSpendSeries, type ForecastUnit } from '../../analysis/build-spend-series.ts';
import { forecastSpend } from '../../analysis/forecast-spend.ts';
import { datedPeriodOf, nextPeriod } from '../../analysis/period.ts';
import { METHOD_NAMES, type MethodName, type MethodSpec } from '../../forecast/forecast-methods.ts';
import { SEASONS_BY_UNIT } from '../../analysis/forecast-spend.ts';
import { localParts, zonedTimeToMs } from '../../model/zoned-time.ts';
import { renderForecastCsv } from '../../output/render-forecast-csv.ts';
import { renderForecastJson } from '../../output/forecast-json.ts';
import { renderForecastMarkdown } from '../../output/render-forecast-markdown.ts';
import { renderForecastTable } from '../../output/render-forecast-table.ts';
import { openStore } from '../../store/open-store.ts';
import { selectUnpricedUsage, selectUsageAggregates } from '../../store/select-usage-aggregates.ts';
import { requireUsd } from '../require-usd.ts';
import { chooseSliceMs } from '../choose-slice-ms.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { endOf, parseDateFlag, startOf } from '../parse-date-flag.ts';
import type { HorizonFlag } from '../parse-flags.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { ForecastCommandOptions } from './forecast.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Most forecast periods (a year of hours). */
const MAX_HORIZON = 8_784;
/** Groups forecast one by one at most (the largest by history spend); the rest are only in the total. */
const MAX_GROUPS = 20;

const DEFAULT_HORIZON: Readonly<Record<ForecastUnit, HorizonFlag>> = {
  hour: { count: 48, unit: 'h' },
  day: { count: 30, unit: 'd' },
  week: { count: 13, unit: 'w' },
};
const UNIT_OF_HORIZON: Readonly<Record<HorizonFlag['unit'], ForecastUnit>> = {
  h: 'hour',
  d: 'day',
  w: 'week',
  m: 'day',
};
/** Default history: 6 weeks of hours, a year of days, three years of weeks. */
const DEFAULT_HISTORY_MS: Readonly<Record<ForecastUnit, number>> = {
  hour: 42 * DAY_MS,
  day: 365 * DAY_MS,
  week: 3 * 364 * DAY_MS,
};

/** `theta`, `theta:168`, `auto` → the method to run (a bare name takes the unit's main season). */
function parseMethod(text: string, unit: ForecastUnit): 'auto' | MethodSpec {
  if (text === 'auto') return 'auto';
  const [name = '', seasonText] = text.split(':');
  const season = seasonText === undefined ? (SEASONS_BY_UNIT[unit][0] ?? 1) : Number(seasonText);
  if (!(METHOD_NAMES as readonly string[]).includes(name) || !Number.isInteger(season) || season < 1) {
    throw new UsageError(
      `--method: expected auto or one of ${METHOD_NAMES.join(', ')} (optionally :<season length>, e.g. theta:168), got "${text}"`,
    );
  }
  return { name: name as MethodName, period: season };
}

/** The instant `horizon` after `startMs`, in calendar terms of the zone (days and months are local). */
function addHorizon(startMs: number, horizon: HorizonFlag, timeZone: string): number {
  if (horizon.unit === 'h') return startMs + horizon.count * HOUR_MS;
  const local = localParts(startMs, timeZone);
  if (horizon.unit === 'm') {
    const target = new Date(Date.UTC(local.year, local.month - 1 + horizon.count, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    return zonedTimeToMs(
      target.getUTCFullYear(),
      target.getUTCMonth() + 1,
      Math.min(local.day, lastDay),
      local.hour,
      local.minute,
      timeZone,
    );
  }
  const days = horizon.count * (horizon.unit === 'w' ? 7 : 1);
  const target = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return zonedTimeToMs(
    target.getUTCFullYear(),
    target.getUTCMonth() + 1,
    target.getUTCDate(),
    local.hour,
    local.minute,
    timeZone,
  );
}

/** Periods from the forecast start until `endMs` (exclusive), at least one. */
function countPeriods(startMs: number, endMs: number, unit: ForecastUnit, timeZone: string): number {
  let count = 1;
  for (
    let period = nextPeriod(startMs, unit, timeZone);
    period.startMs < endMs;
    period = nextPeriod(period.startMs, unit, timeZone)
  ) {
    count++;
    if (count > MAX_HORIZON) {
      throw new UsageError(
        `the horizon is longer than ${MAX_HORIZON} periods; use a coarser --by or a nearer --until/--horizon`,
      );
    }
  }
  return count;
}

export function runForecast(options: ForecastCommandOptions, settings: Settings, ctx: Context): ExitCode {
  requireUsd(settings, 'forecast');
  const { timeZone, asOfMs } = settings;
  if (options.horizon !== undefined && options.until !== undefined) {
    throw new UsageError('use either --horizon or --until, not both');
  }
  const unit: ForecastUnit =
    options.by ?? (options.horizon === undefined ? 'day' : UNIT_OF_HORIZON[options.horizon.unit]);
  const method = parseMethod(options.method, unit);
  const forecastStartMs = datedPeriodOf(asOfMs, unit, timeZone).startMs;
  const endMs =
    options.until === undefined
      ? addHorizon(forecastStartMs, options.horizon ?? DEFAULT_HORIZON[unit], timeZone)
      : endOf(parseDateFlag(options.until, '--until'), timeZone);
  if (endMs <= forecastStartMs) {
    throw new UsageError('--until must be after --as-of (the forecast starts at --as-of)');
  }
  const horizon = countPeriods(forecastStartMs, endMs, unit, timeZone);
  const sinceMs =
    options.since === undefined ? null : startOf(parseDateFlag(options.since, '--since'), timeZone);
  if (sinceMs !== null && sinceMs >= forecastStartMs) {
    throw new UsageError(
      '--since must be before --as-of (history is what happened before the forecast starts)',
    );
  }
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }

  const store = openStore(settings.dbPath);
  try {
    const fromMs = sinceMs ?? forecastStartMs - DEFAULT_HISTORY_MS[unit];
    const sliceMs = chooseSliceMs(timeZone, fromMs, asOfMs, unit === 'hour');
    const range = { fromMs, toMs: asOfMs };
    const slices = selectUsageAggregates(store, {
      ...usageFilterOf(settings, range.fromMs, range.toMs, options.where),
      sliceMs,
      groupBy: options.groupBy,
      costMode: settings.costMode,
    });
    const unpriced = selectUnpricedUsage(
      store,
      usageFilterOf(settings, range.fromMs, range.toMs, options.where),
      settings.costMode,
    );
    const [totalSeries, ...groupSeries] = buildSpendSeries(slices, {
      unit,
      timeZone,
      forecastStartMs,
      historyStartMs: sinceMs,
    });
    if (totalSeries === undefined || totalSeries.periods.length === 0) {
      throw new InputError(
        `no usage before ${new Date(forecastStartMs).toISOString()} in the history range: nothing to forecast from (ingest usage, or check --since, --where and --as-of)`,
      );
    }
    const spendOptions = {
      unit,
      timeZone,
      forecastStartMs,
      horizon,
      method,
      intervalLevel: options.interval,
      growth: options.growth,
    };
    const total = forecastSpend(totalSeries, spendOptions);
    const historyCost = (series: (typeof groupSeries)[number]) =>
      series.costPico.reduce((sum, cost) => sum + cost, 0n);
    const largest = [...groupSeries]
      // Groups whose usage all lacks a price have no spend to forecast; the unpriced list names them.
      .filter((series) => historyCost(series) > 0n)
      .sort((a, b) => (historyCost(b) > historyCost(a) ? 1 : historyCost(b) < historyCost(a) ? -1 : 0))
      .slice(0, MAX_GROUPS);
    if (groupSeries.length > largest.length && !settings.isQuiet) {
      ctx.stderr.write(
        `llmcost: forecasting the ${largest.length} groups with the largest spend; ${groupSeries.length - largest.length} more are only in the total\n`,
      );
    }
    const groups = largest.map((series) => forecastSpend(series, spendOptions));
    const textContext = {
      unit,
      timeZone,
      intervalLevel: options.interval,
      groupLabels: options.groupBy,
      unpriced,
    };
    const format = requireFormat(settings, 'forecast', ['table', 'json', 'csv', 'md']);
    writeInFormat(ctx, settings, format, {
      json: () =>
        renderForecastJson(total, groups, unpriced, {
          by: unit,
          timeZone,
          asOfMs,
          forecastStartMs,
          intervalLevel: options.interval,
          groupBy: options.groupBy,
          unit,
        }),
      csv: () => renderForecastCsv(total, groups, options.groupBy),
      md: () => renderForecastMarkdown(total, groups, textContext),
      table: () =>
        renderForecastTable(total, groups, { ...textContext, isChart: options.chart === true }, ctx.display),
    });
    return EXIT.OK;
  } finally {
    store.close();
  }
}
