import type { SeriesCalendar } from './series-calendar.ts';

/** Spend of one bucket and one combination of dimension values, split by token class. */
export interface CostCell {
  readonly bucketIndex: number;
  /** Values of the cube's dimensions, in order; null where the usage does not set it. */
  readonly values: readonly (string | null)[];
  /** Spend per token class in TOKEN_CLASS_NAMES order, USD (floats: statistics only, never summed for bills). */
  readonly costsUsd: readonly number[];
}

/** Everything detection reads: the time axis, the dimensions usage is split by, and the cells. */
export interface CostCube {
  readonly calendar: SeriesCalendar;
  /** e.g. ['model', 'project']; token classes are always added as the dimension `tokenClass`. */
  readonly dimensions: readonly string[];
  readonly cells: readonly CostCell[];
}
