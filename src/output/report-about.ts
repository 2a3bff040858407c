import type { ReportSummary } from '../analysis/build-report.ts';
import { COST_MODE_DESCRIPTIONS } from '../model/cost-mode.ts';
import type { DimensionFilter } from '../model/dimension.ts';
import type { ReportRange } from './report-json.ts';

/** What a report file needs to say about itself beyond the report: its range, filters and when it was made. */
export interface ReportProvenance {
  readonly range: ReportRange;
  readonly where: readonly DimensionFilter[];
  /** When the file was generated (the command's clock, not `--as-of`). */
  readonly generatedAtMs: number;
}

/**
 * The "About" facts of a report file (XLSX sheet, HTML footer), as label/value pairs: everything a
 * reader needs to know what the figures cover and to reproduce them.
 */
export function reportAbout(report: ReportSummary, provenance: ReportProvenance): [string, string][] {
  const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());
  const { range, where } = provenance;
  const { exchange, stamp } = report;
  return [
    ['Period', report.by === 'none' ? 'whole range (--by none)' : `by ${report.by}`],
    ['From', range.sinceMs === null ? 'first record' : iso(range.sinceMs)],
    ['Until (exclusive)', iso(range.untilMs ?? range.asOfMs)],
    ['As of', iso(range.asOfMs)],
    ['Time zone', report.timeZone],
    ['Group by', report.groupBy.length === 0 ? '-' : report.groupBy.join(', ')],
    ['Top', report.top === null ? 'all groups' : `${report.top} groups, the rest as (other)`],
    [
      'Filters',
      where.length === 0 ? 'none' : where.map((filter) => `${filter.dimension}=${filter.value}`).join(', '),
    ],
    ['Cost mode', `${report.costMode}: ${COST_MODE_DESCRIPTIONS[report.costMode]}`],
    ['Currency', report.currency],
    [
      'Exchange rates',
      exchange === null
        ? 'none (amounts in USD)'
        : `USD to ${exchange.currency} per day, rates ${exchange.firstRateDate ?? '-'} to ${exchange.lastRateDate ?? '-'} (${exchange.ratesUsed} rates) from ${exchange.source}`,
    ],
    ['Pricing versions', stamp.pricingVersions.join(', ') || 'none'],
    ['Sources', String(stamp.sources)],
    ['Reproducibility stamp', stamp.hash],
    ['Unpriced records', String(report.totals.unpricedRecords)],
    ['Generated at', iso(provenance.generatedAtMs)],
  ];
}
