import type { ScoreSource } from '../scores/model-scores.ts';
import type { WorkloadDimension } from '../workloads/workload.ts';
import type { BudgetOutlook } from './budget-pressure.ts';
import type { WorkloadOptimization } from './optimize-workloads.ts';
import type { RetirementNotes } from './screen-retired-models.ts';
import type { StrategyName, StrategyWeights } from './strategy.ts';

/** What `llmcost optimize` shows: per workload, the candidates' trade-offs and the strategy's pick. */
export interface OptimizeReport {
  readonly strategy: StrategyName;
  /** The strategy's weights before a workload drops components unknown for its current model. */
  readonly weights: StrategyWeights;
  readonly maxQualityDrop: number;
  /** Adaptive only: the budgets' outlooks and the pressure they add up to; null for other strategies. */
  readonly budgetPressure: { readonly pressure: number; readonly outlooks: readonly BudgetOutlook[] } | null;
  readonly dimension: WorkloadDimension;
  /** The replayed usage's time span: [startMs, endMs) (start: `--since`, else the first usage). */
  readonly window: { readonly startMs: number | null; readonly endMs: number };
  /** Candidate models considered (price-book keys): retired ones are left out. */
  readonly candidates: readonly string[];
  /** The candidates left out as retired, and the shown models retiring soon (or retired, if current). */
  readonly retirement: RetirementNotes;
  readonly sources: readonly ScoreSource[];
  /** The workloads shown: largest baseline cost first. */
  readonly workloads: readonly WorkloadOptimization[];
  /** Workloads left out by `--top`. */
  readonly hiddenWorkloads: number;
  readonly pricingVersion: string;
}
