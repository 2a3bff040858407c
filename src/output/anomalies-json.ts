import type { AnomalyFinding } from '../anomalies/anomaly-finding.ts';
import type { AnomalyReport } from '../anomalies/anomaly-report.ts';

/**
 * The public JSON contract of `llmcost anomalies --format json` (README). Scripts rely on `findings[]`
 * with `id, series, kind, start, end, expected, actual, impact, rootCause[{dimension, value, impact}]`;
 * the other fields are extras. Money here is float **dollars** (`moneyUnit: "USD"`) rounded to 6
 * decimals: the figures are statistical estimates, not bills. Instants are ISO 8601 UTC.
 */
export interface AnomaliesJson {
  readonly schemaVersion: 1;
  readonly currency: 'USD';
  readonly moneyUnit: 'USD';
  readonly by: 'day' | 'hour';
  readonly timeZone: string;
  readonly method: string;
  readonly sensitivity: string;
  readonly minImpact: number;
  readonly groupBy: readonly string[];
  readonly range: { readonly since: string; readonly until: string; readonly asOf: string };
  readonly findings: readonly FindingJson[];
  readonly acknowledged: readonly {
    readonly id: string;
    readonly series: string;
    readonly kind: string;
    readonly start: string;
    readonly reason: string;
  }[];
  readonly belowMinImpact: number;
  readonly notes: readonly string[];
}

export interface FindingJson {
  readonly id: string;
  readonly series: string;
  readonly kind: 'spike' | 'drop' | 'level_shift';
  readonly start: string;
  /** Exclusive end of the last anomalous bucket; null while ongoing. */
  readonly end: string | null;
  readonly expected: number;
  readonly actual: number;
  readonly impact: number;
  readonly rootCause: readonly {
    readonly dimension: string;
    readonly value: string | null;
    readonly impact: number;
    readonly share: number;
  }[];
  readonly direction: 'up' | 'down';
  readonly ongoing: boolean;
  readonly expectedBand: { readonly lower: number; readonly upper: number };
  readonly peakSigmas: number;
  readonly shareOfTotalDeviation: number | null;
  readonly seenIn: readonly string[];
  readonly buckets: number;
}

const round = (value: number): number => Math.round(value * 1e6) / 1e6;
const iso = (ms: number): string => new Date(ms).toISOString();

function findingJson(finding: AnomalyFinding): FindingJson {
  return {
    id: finding.id,
    series: finding.seriesKey,
    kind: finding.kind,
    start: iso(finding.startMs),
    end: finding.endMs === null ? null : iso(finding.endMs),
    expected: round(finding.expectedUsd),
    actual: round(finding.actualUsd),
    impact: round(finding.impactUsd),
    rootCause: finding.rootCause.map((entry) => ({
      dimension: entry.dimension,
      value: entry.value,
      impact: round(entry.impactUsd),
      share: Math.round(entry.share * 1000) / 1000,
    })),
    direction: finding.direction > 0 ? 'up' : 'down',
    ongoing: finding.endMs === null,
    expectedBand: { lower: round(finding.bandLowerUsd), upper: round(finding.bandUpperUsd) },
    peakSigmas: Math.round(finding.peakSigmas * 100) / 100,
    shareOfTotalDeviation:
      finding.shareOfTotalDeviation === null ? null : Math.round(finding.shareOfTotalDeviation * 1000) / 1000,
    seenIn: finding.seriesKeys,
    buckets: finding.endIndex - finding.startIndex + 1,
  };
}

export function renderAnomaliesJson(report: AnomalyReport): string {
  const json: AnomaliesJson = {
    schemaVersion: 1,
    currency: 'USD',
    moneyUnit: 'USD',
    by: report.calendar.unit,
    timeZone: report.timeZone,
    method: report.method,
    sensitivity: report.sensitivity,
    minImpact: report.minImpactUsd,
    groupBy: report.groupBy,
    range: { since: iso(report.sinceMs), until: iso(report.untilMs), asOf: iso(report.asOfMs) },
    findings: report.result.findings.map(findingJson),
    acknowledged: report.result.acknowledged.map((finding) => ({
      id: finding.id,
      series: finding.seriesKey,
      kind: finding.kind,
      start: iso(finding.startMs),
      reason: report.ackReasons.get(finding.id) ?? '',
    })),
    belowMinImpact: report.result.belowMinImpact.length,
    notes: report.notes,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
