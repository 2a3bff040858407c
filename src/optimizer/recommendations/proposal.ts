import type { ReplayRow } from '../replay-row.ts';
import type { Scenario } from '../scenario.ts';
import type { Workload } from '../workloads/workload.ts';
import type { Confidence, Effort, QualityImpact, RecommendationChange } from './recommendation.ts';

/**
 * A recommendation before its saving is known: the usage it applies to and how to replay the change
 * on it. `scenario`: a replay scenario (a swap, caching, batch); `transform`: the rows as they would be
 * after the change, priced by the same replay (trimmed prompts); `none`: no money changes hands (budgets).
 */
export interface Proposal {
  readonly change: RecommendationChange;
  readonly title: string;
  readonly rationale: string;
  readonly confidence: Confidence;
  readonly effort: Effort;
  readonly qualityImpact: QualityImpact;
  readonly rows: readonly ReplayRow[];
  readonly replay:
    | { readonly kind: 'scenario'; readonly scenario: Scenario }
    | { readonly kind: 'transform'; readonly transform: (row: ReplayRow) => ReplayRow }
    | { readonly kind: 'none' };
}

/** Quality unaffected: the same model answers. */
export function sameModel(note: string): QualityImpact {
  return { direction: 'none', deltaPoints: null, source: null, note };
}

/** A workload in titles: `group/size class` (`(none)` where the group is not set). */
export function scopeOf(workload: Workload): string {
  return `${workload.group ?? '(none)'}/${workload.sizeClass}`;
}

/** A price-book key without its provider (`google/gemini-2.5-flash` → `gemini-2.5-flash`). */
export function modelName(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}
