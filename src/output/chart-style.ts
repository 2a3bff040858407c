/**
 * Series colours (Okabe–Ito, readable for colour-blind readers) and dash patterns, so the lines of a
 * chart stay distinguishable when printed in grey. "other" is always grey and dotted.
 */
export const SERIES_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'] as const;
export const SERIES_DASHES = ['', '8 4', '2 3', '10 3 2 3', '5 5', '14 4'] as const;
export const OTHER_COLOR = '#8c8c8c';
export const OTHER_DASH = '1 4';

export function seriesColor(index: number, isOther: boolean): string {
  return isOther ? OTHER_COLOR : (SERIES_COLORS[index % SERIES_COLORS.length] ?? OTHER_COLOR);
}

export function seriesDash(index: number, isOther: boolean): string {
  return isOther ? OTHER_DASH : (SERIES_DASHES[index % SERIES_DASHES.length] ?? '');
}

/**
 * Axis ticks from 0 to a "nice" maximum at or above `max`: steps of 1, 2, 2.5 or 5 × 10ⁿ, about
 * `count` of them.
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let index = 0; index * step < max + step * 1e-9; index += 1) ticks.push(index * step);
  ticks.push(ticks.length * step);
  return ticks.length > 1 && (ticks.at(-2) ?? 0) >= max ? ticks.slice(0, -1) : ticks;
}

/** A coordinate with at most two decimals, so the SVG is compact and stable. */
export function coordinate(value: number): string {
  return (Math.round(value * 100) / 100).toString();
}
