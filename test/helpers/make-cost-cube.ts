import type { CostCell, CostCube } from '../../src/anomalies/cost-cube.ts';
import { buildSeriesCalendar } from '../../src/anomalies/series-calendar.ts';
import { TOKEN_CLASS_NAMES, type TokenClassName } from '../../src/anomalies/token-class.ts';

const DAY_MS = 86_400_000;
/** A Monday, so weekday slots are easy to read in tests. */
export const CUBE_START_MS = Date.UTC(2026, 0, 5);

/** One stream of spend: a model in a project, USD per day in one token class. */
export interface StreamSpec {
  readonly model: string;
  readonly project: string;
  readonly tokenClass: TokenClassName;
  /** USD on day `day` (0 = CUBE_START_MS); NaN leaves the day without data. */
  readonly usdOnDay: (day: number) => number;
}

/** A daily cube over `days` days with dimensions model and project, from streams of spend. */
export function makeDailyCube(days: number, streams: readonly StreamSpec[]): CostCube {
  const startsMs = Array.from({ length: days }, (_, day) => CUBE_START_MS + day * DAY_MS);
  const cells: CostCell[] = [];
  for (let day = 0; day < days; day++) {
    for (const stream of streams) {
      const amount = stream.usdOnDay(day);
      if (Number.isNaN(amount)) continue;
      cells.push({
        bucketIndex: day,
        values: [stream.model, stream.project],
        costsUsd: TOKEN_CLASS_NAMES.map((name) => (name === stream.tokenClass ? amount : 0)),
      });
    }
  }
  const calendar = buildSeriesCalendar(
    'day',
    startsMs,
    CUBE_START_MS + days * DAY_MS,
    startsMs.map(() => false),
    'UTC',
  );
  return { calendar, dimensions: ['model', 'project'], cells };
}

/** Weekdays at `weekday` USD, weekends at a third: the weekly shape of office-hours usage. */
export const weekly =
  (weekdayUsd: number) =>
  (day: number): number =>
    day % 7 >= 5 ? weekdayUsd / 3 : weekdayUsd;

/** Deterministic ±`share` wiggle (no RNG): a fixed pseudo-noise per day and stream seed. */
export const wiggle = (day: number, seed: number, share: number): number =>
  1 + share * Math.sin(day * 12.9898 + seed * 78.233);
