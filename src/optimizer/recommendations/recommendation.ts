/** What a recommendation changes. */
export type RecommendationKind =
  | 'model-downgrade'
  | 'enable-caching'
  | 'move-to-batch'
  | 'trim-prompts'
  | 'consolidate-providers'
  | 'budget-adjustment';

/** How much the evidence behind a recommendation supports its estimate. */
export type Confidence = 'high' | 'medium' | 'low';

/** How much work the change is: a setting (easy), code or prompt changes (medium), a new pipeline (hard). */
export type Effort = 'easy' | 'medium' | 'hard';

/** How the change may affect answers. */
export interface QualityImpact {
  /** `none`: answers stay the same model's; `lower`/`higher`: a differently rated model; `unknown`. */
  readonly direction: 'none' | 'lower' | 'higher' | 'unknown';
  /** Arena points of the new model against the old, where a source rates both; else null. */
  readonly deltaPoints: number | null;
  /** The source of `deltaPoints` (a score source id), or null. */
  readonly source: string | null;
  /** One line a person reads: "−38 arena points (arena-text-2025-08-21)", "none: same model, cached prompt". */
  readonly note: string;
}

/**
 * The scenario a recommendation's saving was replayed under, kept so `recommend verify` can replay the
 * usage after the change the other way round (what it would have cost without the change).
 */
export interface RecommendationChange {
  readonly kind: RecommendationKind;
  /** The usage the change applies to: workload id or provider/model, as the finder defines it. */
  readonly scope: Readonly<Record<string, string>>;
  /** What changes (`{ "from": "openai/gpt-4o", "to": "openai/gpt-4.1-mini" }`, `{ "cacheHitRate": "0.5" }`). */
  readonly parameters: Readonly<Record<string, string>>;
}

/** One ranked recommendation. Money is pico-USD. */
export interface Recommendation {
  /** Stable id: the same change on the same scope gets the same id on every run (recommendation-id.ts). */
  readonly id: string;
  readonly kind: RecommendationKind;
  /** One line: what to do. */
  readonly title: string;
  /** Why: the evidence, in a sentence or two. */
  readonly rationale: string;
  /** Requests of the scope over the analysed window (known counts). */
  readonly baselineRequests: number;
  /** Cost of the scope over the analysed window as it was (pico-USD). */
  readonly baselineCostPico: bigint;
  /** Cost of the scope over the window under the change, from the replay (pico-USD). */
  readonly scenarioCostPico: bigint;
  /** Baseline − scenario, scaled to a 30.4375-day month (pico-USD per month); 0 for budget adjustments. */
  readonly monthlySavingsPico: bigint;
  readonly confidence: Confidence;
  readonly effort: Effort;
  readonly qualityImpact: QualityImpact;
  readonly change: RecommendationChange;
}

/** A recommendation with its place in the ranking. */
export interface RankedRecommendation extends Recommendation {
  /** 0–100, see priority.ts. */
  readonly priority: number;
  readonly rank: number;
}
