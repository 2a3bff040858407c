import type { Report, ReportRow } from '../analysis/build-report.ts';
import type { Dimension } from '../model/dimension.ts';
import type { UsageTotals } from '../model/usage-totals.ts';

/** Column heading of a dimension as people read it. */
export function dimensionHeading(dimension: Dimension): string {
  if (dimension.startsWith('tag:')) return dimension.slice(4);
  const headings: Record<string, string> = {
    provider: 'Provider',
    model: 'Model',
    project: 'Project',
    user: 'User',
    team: 'Team',
    apiKey: 'API key',
    workspace: 'Workspace',
    session: 'Session',
    serviceTier: 'Tier',
    status: 'Status',
  };
  return headings[dimension] ?? dimension;
}

/** How a group value reads in tables and files: `(none)` when unset, `(other)` for the top-N rest. */
export function groupCell(row: ReportRow, index: number): string {
  if (row.isOther) return index === 0 ? '(other)' : '';
  return row.group[index] ?? '(none)';
}

/** Requests as text: `?` when only unknown counts exist, `123+?` when some are unknown. */
export function requestsText(totals: UsageTotals, formatCount: (value: number) => string): string {
  if (totals.requestsUnknown === 0) return formatCount(totals.requests);
  if (totals.requests === 0) return '?';
  return `${formatCount(totals.requests)}+?`;
}

export function hasReportedCost(report: Report): boolean {
  return report.totals.reportedCostPico !== 0n;
}
