import Papa from 'papaparse';
import type { OptimizeReport } from '../optimizer/strategies/optimize-report.ts';
import { formatAmountExact } from './format-money.ts';
import { neutralizeFormula } from './neutralize-formula.ts';

/**
 * One row per workload and candidate (every candidate, not only those a table shows). Money columns
 * are exact USD decimals; shares and scores 0–1; durations in whole ms; empty cells where a figure is
 * unknown. Observed timing columns come last, so the earlier columns keep their places.
 */
export function renderOptimizeCsv(report: OptimizeReport): string {
  const fields = [
    'group',
    'size_class',
    'provider',
    'model',
    'candidate',
    'is_current',
    'is_pick',
    'cost_usd',
    'baseline_cost_usd',
    'excluded_requests',
    'quality_delta_points',
    'win_probability',
    'quality_source',
    'ttft_ms',
    'latency_source',
    'observed_error_share',
    'score_cost',
    'score_performance',
    'score_quality',
    'score_total',
    'ineligibility',
    'observed_ttft_ms',
    'observed_ttft_p95_ms',
    'observed_ttft_requests',
    'latency_basis',
  ];
  const optional = (value: number | null): string | number => (value === null ? '' : value);
  const data = report.workloads.flatMap((result) =>
    result.choice.candidates.map((candidate) => [
      neutralizeFormula(result.workload.group ?? ''),
      result.workload.sizeClass,
      neutralizeFormula(result.workload.provider),
      neutralizeFormula(result.workload.model),
      candidate.model,
      candidate.isCurrent,
      candidate === result.choice.pick,
      candidate.costPico === null ? '' : formatAmountExact(candidate.costPico),
      formatAmountExact(result.baselineCostPico),
      candidate.excludedRequests,
      optional(candidate.quality?.deltaPoints ?? null),
      optional(candidate.quality?.winProbability ?? null),
      candidate.quality?.source.id ?? '',
      optional(candidate.latency?.ttftMs ?? null),
      candidate.latency?.source.id ?? '',
      optional(candidate.observedErrorShare),
      optional(candidate.scores.cost),
      optional(candidate.scores.performance),
      optional(candidate.scores.quality),
      optional(candidate.scores.total),
      candidate.ineligibility ?? '',
      optional(candidate.observedTtft?.medianMs ?? null),
      optional(candidate.observedTtft?.p95Ms ?? null),
      optional(candidate.observedTtft?.requests ?? null),
      result.choice.latencyBasis,
    ]),
  );
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}
