import type { CostCube } from './cost-cube.ts';
import { TOKEN_CLASS_NAMES } from './token-class.ts';

/** The dimension name token classes appear under in series keys and root causes. */
export const TOKEN_CLASS_DIMENSION = 'tokenClass';

/** One condition of a series: dimension = value (value null: usage without that dimension). */
export interface SeriesFilter {
  readonly dimension: string;
  readonly value: string | null;
}

/** Spend per bucket of one slice of usage (`total`, `model=x`, `model=x,tokenClass=output`). */
export interface CostSeries {
  readonly key: string;
  /** Empty for the total; one filter for a dimension value or token class; two for value × class. */
  readonly filters: readonly SeriesFilter[];
  /** USD per bucket; NaN where data is missing or the slice did not exist yet. */
  readonly valuesUsd: readonly number[];
}

/** Slices with less than this share of all spend are not series of their own (noise, not money). */
const MIN_SHARE_OF_SPEND = 0.002;

export function seriesKey(filters: readonly SeriesFilter[]): string {
  if (filters.length === 0) return 'total';
  return filters.map((filter) => `${filter.dimension}=${filter.value ?? '(none)'}`).join(',');
}

/**
 * The series anomalies are looked for in: the total; each value of each dimension; each token class;
 * and each dimension value × token class (a cache-write surge in one model). Missing buckets are NaN in
 * every series; a slice is NaN before its first spend (a new model is not a spike from zero).
 */
export function buildCostSeries(cube: CostCube): CostSeries[] {
  const bucketCount = cube.calendar.startsMs.length;
  const sums = new Map<string, { filters: SeriesFilter[]; values: number[] }>();
  const add = (filters: SeriesFilter[], bucketIndex: number, amountUsd: number): void => {
    const key = seriesKey(filters);
    let entry = sums.get(key);
    if (entry === undefined) {
      entry = { filters, values: new Array<number>(bucketCount).fill(0) };
      sums.set(key, entry);
    }
    entry.values[bucketIndex] = (entry.values[bucketIndex] ?? 0) + amountUsd;
  };
  add([], 0, 0);
  for (const cell of cube.cells) {
    const dimensionFilters = cube.dimensions.map((dimension, index) => ({
      dimension,
      value: cell.values[index] ?? null,
    }));
    cell.costsUsd.forEach((amountUsd, classIndex) => {
      if (amountUsd === 0) return;
      const classFilter = {
        dimension: TOKEN_CLASS_DIMENSION,
        value: TOKEN_CLASS_NAMES[classIndex] ?? 'other',
      };
      add([], cell.bucketIndex, amountUsd);
      add([classFilter], cell.bucketIndex, amountUsd);
      for (const filter of dimensionFilters) {
        add([filter], cell.bucketIndex, amountUsd);
        add([filter, classFilter], cell.bucketIndex, amountUsd);
      }
    });
  }
  const grandTotal = (sums.get('total')?.values ?? []).reduce((sum, value) => sum + value, 0);
  const series: CostSeries[] = [];
  for (const [key, { filters, values }] of sums) {
    const spend = values.reduce((sum, value) => sum + value, 0);
    if (key !== 'total' && !(spend >= MIN_SHARE_OF_SPEND * grandTotal && spend > 0)) continue;
    const firstSpend = key === 'total' ? 0 : values.findIndex((value) => value !== 0);
    const valuesUsd = values.map((value, index) =>
      cube.calendar.isMissing[index] === true || index < firstSpend ? Number.NaN : value,
    );
    series.push({ key, filters, valuesUsd });
  }
  return series.sort(
    (a, b) => a.filters.length - b.filters.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
