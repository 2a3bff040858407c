import { periodOf } from '../analysis/period.ts';
import type { AnomalyFinding, RootCauseEntry } from '../anomalies/anomaly-finding.ts';
import type { SeriesFilter } from '../anomalies/build-cost-series.ts';
import type { SeriesCalendar } from '../anomalies/series-calendar.ts';
import { TOKEN_CLASS_LABELS, type TokenClassName } from '../anomalies/token-class.ts';
import { formatUsdEstimate } from './format-money.ts';

/** Dollars (a float from the statistics) as money text; `signed` adds + to gains. */
export function formatUsdAmount(amountUsd: number, signed = false): string {
  const text = formatUsdEstimate(amountUsd);
  return signed && amountUsd > 0 ? `+${text}` : text;
}

function valueLabel(filter: SeriesFilter | RootCauseEntry): string {
  if (filter.dimension === 'tokenClass') return TOKEN_CLASS_LABELS[filter.value as TokenClassName];
  return filter.value ?? '(none)';
}

/** `total spend`, `model claude-sonnet-4-5`, `model gpt-4o · cache writes 1h`. */
export function describeSeries(filters: readonly SeriesFilter[]): string {
  if (filters.length === 0) return 'total spend';
  return filters
    .map((filter) =>
      filter.dimension === 'tokenClass' ? valueLabel(filter) : `${filter.dimension} ${valueLabel(filter)}`,
    )
    .join(' · ');
}

/** `model claude-sonnet-4-5 +$412.00 (87%)`. */
export function describeCause(entry: RootCauseEntry): string {
  const name =
    entry.dimension === 'tokenClass' ? valueLabel(entry) : `${entry.dimension} ${valueLabel(entry)}`;
  return `${name} ${formatUsdAmount(entry.impactUsd, true)} (${Math.round(entry.share * 100)}%)`;
}

/** `2026-11-18 → 2026-11-19 (2 days)`, `2026-11-20 → ongoing (4 days)`. */
export function describeSpan(finding: AnomalyFinding, calendar: SeriesCalendar, timeZone: string): string {
  const label = (index: number): string =>
    periodOf(calendar.startsMs[index] ?? 0, calendar.unit, timeZone).label;
  const length = finding.endIndex - finding.startIndex + 1;
  const span = `${length} ${calendar.unit}${length === 1 ? '' : 's'}`;
  if (finding.endMs === null) return `${label(finding.startIndex)} → ongoing (${span} so far)`;
  if (length === 1) return label(finding.startIndex);
  return `${label(finding.startIndex)} → ${label(finding.endIndex)} (${span})`;
}

export const KIND_LABELS: Readonly<Record<AnomalyFinding['kind'], string>> = {
  spike: 'spike',
  drop: 'drop',
  level_shift: 'level shift',
};
