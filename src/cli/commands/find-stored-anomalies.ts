import { existsSync } from 'node:fs';
import { periodOf } from '../../analysis/period.ts';
import { buildCostCube } from '../../anomalies/build-cost-cube.ts';
import type { AnomalyReport } from '../../anomalies/anomaly-report.ts';
import { describeCoverage } from '../../anomalies/describe-coverage.ts';
import { detectAnomalies } from '../../anomalies/detect-anomalies.ts';
import { createTokenClassWeigher } from '../../anomalies/weigh-token-classes.ts';
import { readPriceBook } from '../../pricing/read-price-book.ts';
import { selectAnomalyAcks } from '../../store/anomaly-acks.ts';
import type { Store } from '../../store/open-store.ts';
import { selectUsageAggregates } from '../../store/select-usage-aggregates.ts';
import { chooseSliceMs } from '../choose-slice-ms.ts';
import { InputError, UsageError } from '../errors.ts';
import { endOf, parseDateFlag, startOf } from '../parse-date-flag.ts';
import type { Settings } from '../settings.ts';
import type { AnomalyDetectionOptions } from './anomalies.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

const DAY_MS = 86_400_000;
/** Default report window, and the history read before it for the baseline. */
const WINDOW_DAYS = { day: 28, hour: 7 } as const;
const HISTORY_DAYS = { day: 70, hour: 35 } as const;

/** Fails with exit 1 when there is no database yet (anomalies needs usage to look at). */
export function requireDatabase(settings: Settings): void {
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
}

/** Reads usage and acknowledgements from the store and runs detection: the report both commands use. */
export function findStoredAnomalies(
  store: Store,
  options: AnomalyDetectionOptions,
  settings: Settings,
  minImpactUsd: number,
): AnomalyReport {
  const { timeZone } = settings;
  const untilFlagMs =
    options.until === undefined ? null : endOf(parseDateFlag(options.until, '--until'), timeZone);
  const untilMs = Math.min(untilFlagMs ?? settings.asOfMs, settings.asOfMs);
  const sinceMs =
    options.since === undefined
      ? (periodOf(untilMs - WINDOW_DAYS[options.by] * DAY_MS, 'day', timeZone).startMs ?? untilMs)
      : startOf(parseDateFlag(options.since, '--since'), timeZone);
  if (sinceMs >= untilMs) throw new UsageError('--since must be before --until (and before --as-of)');
  const historyFromMs = sinceMs - HISTORY_DAYS[options.by] * DAY_MS;
  const dimensions = options.groupBy.filter(
    (dimension, index) => options.groupBy.indexOf(dimension) === index,
  );
  const extraDimensions = dimensions.filter((dimension) => dimension !== 'provider' && dimension !== 'model');
  const slices = selectUsageAggregates(store, {
    ...usageFilterOf(settings, historyFromMs, untilMs, options.where),
    sliceMs: chooseSliceMs(timeZone, historyFromMs, untilMs, options.by === 'hour'),
    groupBy: ['provider', 'model', ...extraDimensions],
    costMode: settings.costMode,
  });
  const cube = buildCostCube(slices, {
    unit: options.by,
    timeZone,
    fromMs: historyFromMs,
    toMs: untilMs,
    extraDimensions,
    dimensions,
    weighTokenClasses: createTokenClassWeigher(readPriceBook(settings.pricingFile ?? undefined)),
  });
  const acks = selectAnomalyAcks(store);
  const reportFromIndex = cube.calendar.startsMs.findIndex((startMs) => startMs >= sinceMs);
  const fromIndex = reportFromIndex < 0 ? cube.calendar.startsMs.length : reportFromIndex;
  const result = detectAnomalies(cube, {
    method: options.method,
    sensitivity: options.sensitivity,
    minImpactUsd,
    reportFromIndex: fromIndex,
    acknowledgedIds: new Set(acks.map((ack) => ack.findingId)),
  });
  return {
    result,
    calendar: cube.calendar,
    timeZone,
    method: options.method,
    sensitivity: options.sensitivity,
    minImpactUsd,
    groupBy: dimensions,
    sinceMs,
    untilMs,
    asOfMs: settings.asOfMs,
    ackReasons: new Map(acks.map((ack) => [ack.findingId, ack.reason])),
    notes: describeCoverage(result, cube.calendar, fromIndex, untilMs, timeZone),
  };
}
