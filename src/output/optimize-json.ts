import type { ScoredCandidate } from '../optimizer/strategies/candidate.ts';
import type { OptimizeReport } from '../optimizer/strategies/optimize-report.ts';
import type { WorkloadOptimization } from '../optimizer/strategies/optimize-workloads.ts';
import type { ScoreSource } from '../optimizer/scores/model-scores.ts';
import type { RetirementNotes } from '../optimizer/strategies/screen-retired-models.ts';
import type { ModelRetirement } from '../pricing/model-retirement.ts';
import {
  retiredCandidatesJson,
  retirementJson,
  type RetiredCandidatesJson,
  type RetirementJson,
} from './retirement-json.ts';
import { moneyJson, type MoneyJson } from './money-json.ts';

export interface OptimizeCandidateJson {
  /** Price-book key of the model. */
  readonly model: string;
  readonly isCurrent: boolean;
  readonly isPick: boolean;
  /** The workload replayed on this model; null when it cannot be priced. */
  readonly cost: MoneyJson | null;
  /** Requests that do not fit this model and stay on the current one (their cost included above). */
  readonly excludedRequests: number;
  /** Against the current model; null: no source rates both (unknown, never guessed). */
  readonly quality: {
    readonly deltaPoints: number;
    readonly winProbability: number;
    readonly source: string;
  } | null;
  /** Published time to first token (ms), null when no source lists it. */
  readonly latency: { readonly ttftMs: number; readonly source: string } | null;
  /**
   * Your own time to first token on this model in the range (whole ms): median and 95th percentile of
   * the successful requests whose source states it, and their count; null when none does.
   */
  readonly observedLatency: {
    readonly ttftMs: number;
    readonly ttftP95Ms: number;
    readonly requests: number;
  } | null;
  /** The user's failed requests / requests to this model in the range (0–1); null: none sent. */
  readonly observedErrorShare: number | null;
  /** Component scores 0–1 relative to the best eligible candidate; null when not scored. */
  readonly scores: {
    readonly cost: number | null;
    readonly performance: number | null;
    readonly quality: number | null;
    readonly total: number | null;
  };
  /** Why it cannot be picked, or null. */
  readonly ineligibility: string | null;
  /**
   * Set when the provider retires the model within `retiredCandidates.soonDays` days of the as-of day
   * (`retiring`), or, for the current model only, already has (`retired`); null otherwise.
   */
  readonly retirement: RetirementJson | null;
}

export interface OptimizeWorkloadJson {
  readonly group: string | null;
  readonly sizeClass: string;
  readonly provider: string;
  readonly model: string;
  /** First-party key of the current model, or null when unknown. */
  readonly currentModel: string | null;
  readonly records: number;
  readonly requests: number;
  readonly requestsUnknown: number;
  readonly baselineCost: MoneyJson;
  readonly unpricedRecords: number;
  /** The weights this workload was scored with (components unknown for its current model dropped). */
  readonly weights: { readonly cost: number; readonly performance: number; readonly quality: number };
  /**
   * The TTFT the performance scores compared: `observed` (candidates' `observedLatency`) when every
   * compared candidate has one, else `published` (`latency`) for all.
   */
  readonly latencyBasis: 'observed' | 'published';
  readonly pick: string;
  /** Baseline cost − pick cost (negative: the pick costs more). */
  readonly savings: MoneyJson;
  readonly candidates: readonly OptimizeCandidateJson[];
}

/** `llmcost optimize --format json` (schemaVersion 1). Money in USD: float, exact decimal text, pico-USD text. */
export interface OptimizeJson {
  readonly schemaVersion: 1;
  readonly view: 'optimize';
  readonly strategy: string;
  readonly weights: { readonly cost: number; readonly performance: number; readonly quality: number };
  readonly maxQualityDrop: number;
  readonly budgetPressure: {
    readonly pressure: number;
    readonly budgets: readonly { readonly name: string; readonly projectedUtilization: number }[];
  } | null;
  readonly groupBy: string;
  readonly currency: 'USD';
  readonly moneyUnit: 'picoUSD';
  readonly timeZone: string;
  readonly window: { readonly start: string | null; readonly end: string };
  readonly pricingVersion: string;
  readonly candidates: readonly string[];
  readonly retiredCandidates: RetiredCandidatesJson;
  readonly sources: readonly ScoreSource[];
  readonly workloads: readonly OptimizeWorkloadJson[];
  readonly hiddenWorkloads: number;
}

export function renderOptimizeJson(report: OptimizeReport, timeZone: string): string {
  const json: OptimizeJson = {
    schemaVersion: 1,
    view: 'optimize',
    strategy: report.strategy,
    weights: report.weights,
    maxQualityDrop: report.maxQualityDrop,
    budgetPressure:
      report.budgetPressure === null
        ? null
        : { pressure: report.budgetPressure.pressure, budgets: report.budgetPressure.outlooks },
    groupBy: report.dimension,
    currency: 'USD',
    moneyUnit: 'picoUSD',
    timeZone,
    window: {
      start: report.window.startMs === null ? null : new Date(report.window.startMs).toISOString(),
      end: new Date(report.window.endMs).toISOString(),
    },
    pricingVersion: report.pricingVersion,
    candidates: report.candidates,
    retiredCandidates: retiredCandidatesJson(report.retirement),
    sources: report.sources,
    workloads: report.workloads.map((result) => toWorkloadJson(result, report.retirement.flags)),
    hiddenWorkloads: report.hiddenWorkloads,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function toWorkloadJson(result: WorkloadOptimization, flags: RetirementNotes['flags']): OptimizeWorkloadJson {
  const { workload, choice } = result;
  return {
    group: workload.group,
    sizeClass: workload.sizeClass,
    provider: workload.provider,
    model: workload.model,
    currentModel: result.currentKey,
    records: workload.records,
    requests: workload.requests,
    requestsUnknown: workload.requestsUnknown,
    baselineCost: moneyJson(result.baselineCostPico),
    unpricedRecords: result.unpricedRecords,
    weights: choice.weights,
    latencyBasis: choice.latencyBasis,
    pick: choice.pick.model,
    savings: moneyJson(result.baselineCostPico - (choice.pick.costPico ?? result.baselineCostPico)),
    candidates: choice.candidates.map((candidate) =>
      toCandidateJson(candidate, candidate === choice.pick, flags.get(candidate.model)),
    ),
  };
}

function toCandidateJson(
  candidate: ScoredCandidate,
  isPick: boolean,
  retirement: ModelRetirement | undefined,
): OptimizeCandidateJson {
  return {
    model: candidate.model,
    isCurrent: candidate.isCurrent,
    isPick,
    cost: candidate.costPico === null ? null : moneyJson(candidate.costPico),
    excludedRequests: candidate.excludedRequests,
    quality:
      candidate.quality === null
        ? null
        : {
            deltaPoints: candidate.quality.deltaPoints,
            winProbability: candidate.quality.winProbability,
            source: candidate.quality.source.id,
          },
    latency:
      candidate.latency === null
        ? null
        : { ttftMs: candidate.latency.ttftMs, source: candidate.latency.source.id },
    observedLatency:
      candidate.observedTtft === null
        ? null
        : {
            ttftMs: candidate.observedTtft.medianMs,
            ttftP95Ms: candidate.observedTtft.p95Ms,
            requests: candidate.observedTtft.requests,
          },
    observedErrorShare: candidate.observedErrorShare,
    scores: candidate.scores,
    ineligibility: candidate.ineligibility,
    retirement: retirementJson(retirement),
  };
}
