import type { RecommendationChange } from '../optimizer/recommendations/recommendation.ts';
import type { Store } from './open-store.ts';

/** What someone decided about a recommendation (`recommend accept|reject <id>`) and what it predicted. */
export interface RecommendationDecision {
  readonly recommendationId: string;
  readonly kind: string;
  readonly title: string;
  readonly decision: 'accepted' | 'rejected';
  readonly reason: string | null;
  readonly decidedAtMs: number;
  readonly change: RecommendationChange;
  /** The usage the prediction was replayed on: [start, end) epoch ms. */
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly baselineRequests: number;
  readonly baselineCostPico: bigint;
  readonly scenarioCostPico: bigint;
  readonly monthlySavingsPico: bigint;
  readonly pricingVersion: string;
}

/** Records a decision; deciding the same recommendation again replaces the earlier decision. */
export function upsertRecommendationDecision(store: Store, decision: RecommendationDecision): void {
  store
    .prepare(
      `INSERT INTO recommendation_decisions (recommendation_id, kind, title, decision, reason, decided_at_ms,
         change, window_start_ms, window_end_ms, baseline_requests, baseline_cost_pico, scenario_cost_pico,
         monthly_savings_pico, pricing_version)
       VALUES (@recommendationId, @kind, @title, @decision, @reason, @decidedAtMs, @change, @windowStartMs,
         @windowEndMs, @baselineRequests, @baselineCostPico, @scenarioCostPico, @monthlySavingsPico, @pricingVersion)
       ON CONFLICT (recommendation_id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
         decision = excluded.decision, reason = excluded.reason, decided_at_ms = excluded.decided_at_ms,
         change = excluded.change, window_start_ms = excluded.window_start_ms,
         window_end_ms = excluded.window_end_ms, baseline_requests = excluded.baseline_requests,
         baseline_cost_pico = excluded.baseline_cost_pico,
         scenario_cost_pico = excluded.scenario_cost_pico,
         monthly_savings_pico = excluded.monthly_savings_pico, pricing_version = excluded.pricing_version`,
    )
    .run({ ...decision, change: JSON.stringify(decision.change) });
}

/** Every decision, oldest first (then by id). */
export function selectRecommendationDecisions(store: Store): RecommendationDecision[] {
  return store
    .prepare(`${SELECT_DECISIONS} ORDER BY decided_at_ms, recommendation_id`)
    .safeIntegers(true)
    .all()
    .map(toDecision);
}

/** The decision on one recommendation, or null. */
export function selectRecommendationDecision(store: Store, id: string): RecommendationDecision | null {
  const row = store.prepare(`${SELECT_DECISIONS} WHERE recommendation_id = ?`).safeIntegers(true).get(id);
  return row === undefined ? null : toDecision(row);
}

const SELECT_DECISIONS = `SELECT recommendation_id AS recommendationId, kind, title, decision, reason,
  decided_at_ms AS decidedAtMs, change, window_start_ms AS windowStartMs, window_end_ms AS windowEndMs,
  baseline_requests AS baselineRequests, baseline_cost_pico AS baselineCostPico, scenario_cost_pico AS scenarioCostPico,
  monthly_savings_pico AS monthlySavingsPico, pricing_version AS pricingVersion
  FROM recommendation_decisions`;

function toDecision(row: unknown): RecommendationDecision {
  const raw = row as Record<string, bigint | string | null>;
  return {
    ...(raw as unknown as RecommendationDecision),
    decidedAtMs: Number(raw.decidedAtMs),
    windowStartMs: Number(raw.windowStartMs),
    windowEndMs: Number(raw.windowEndMs),
    baselineRequests: Number(raw.baselineRequests),
    change: JSON.parse(String(raw.change)) as RecommendationChange,
  };
}
