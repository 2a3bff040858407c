import { periodOf } from '../analysis/period.ts';
import type { UsageTotals } from '../model/usage-totals.ts';
import type { CostCell, CostCube } from './cost-cube.ts';
import { buildSeriesCalendar, type AnomalyBucketUnit } from './series-calendar.ts';
import { splitCostByTokenClass } from './token-class.ts';

/** Usage of one time slice and group, as the store returns it (`groupValues`: provider, model, then the dimensions). */
export interface SpendSlice {
  readonly sliceStartMs: number;
  readonly groupValues: readonly (string | null)[];
  readonly totals: UsageTotals;
}

/** Each token class's tokens priced alone at a model's list price (pico-USD), TOKEN_CLASS_NAMES order. */
export type TokenClassWeigher = (
  provider: string,
  model: string,
  atMs: number,
  totals: UsageTotals,
) => number[];

export interface CubeOptions {
  readonly unit: AnomalyBucketUnit;
  readonly timeZone: string;
  /** Buckets start at the bucket of the first usage at or after this instant. */
  readonly fromMs: number;
  /** Only whole buckets ending at or before this instant are kept (a partial "today" is not judged). */
  readonly toMs: number;
  /** The dimensions after provider and model in `groupValues` (e.g. ['project']). */
  readonly extraDimensions: readonly string[];
  /** The dimensions the cube keeps, among provider, model and the extra ones. */
  readonly dimensions: readonly string[];
  readonly weighTokenClasses: TokenClassWeigher;
}

const HOUR_MS = 3_600_000;

/**
 * Buckets the slices by local day or hour and splits each slice's exact cost over the token classes.
 * Buckets run from the first usage to the last whole bucket before `toMs`; those after the last usage
 * are missing data (not yet ingested), not zero spend.
 */
export function buildCostCube(slices: readonly SpendSlice[], options: CubeOptions): CostCube {
  const step = options.unit === 'day' ? 25 * HOUR_MS : HOUR_MS;
  const bucketStart = (instantMs: number): number =>
    periodOf(instantMs, options.unit, options.timeZone).startMs ?? instantMs;
  const firstUsageMs = slices.reduce((first, slice) => Math.min(first, slice.sliceStartMs), Infinity);
  const startsMs: number[] = [];
  let endMs = 0;
  if (Number.isFinite(firstUsageMs)) {
    for (let start = bucketStart(Math.max(firstUsageMs, options.fromMs)); ;) {
      const next = bucketStart(start + step);
      if (next > options.toMs) break;
      startsMs.push(start);
      endMs = next;
      start = next;
    }
  }
  const indexOfStart = new Map(startsMs.map((startMs, index) => [startMs, index]));
  const allDimensions = ['provider', 'model', ...options.extraDimensions];
  const kept = options.dimensions.map((dimension) => allDimensions.indexOf(dimension));
  const cells: CostCell[] = [];
  let lastUsageIndex = -1;
  for (const slice of slices) {
    const bucketIndex = indexOfStart.get(bucketStart(slice.sliceStartMs));
    if (bucketIndex === undefined) continue;
    lastUsageIndex = Math.max(lastUsageIndex, bucketIndex);
    const [provider, model] = slice.groupValues;
    const weights = options.weighTokenClasses(provider ?? '', model ?? '', slice.sliceStartMs, slice.totals);
    cells.push({
      bucketIndex,
      values: kept.map((index) => slice.groupValues[index] ?? null),
      costsUsd: splitCostByTokenClass(slice.totals.costPico, weights),
    });
  }
  const isMissing = startsMs.map((_, index) => index > lastUsageIndex);
  return {
    calendar: buildSeriesCalendar(options.unit, startsMs, endMs, isMissing, options.timeZone),
    dimensions: options.dimensions,
    cells,
  };
}
