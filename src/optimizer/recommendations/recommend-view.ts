import type { ScoreSource } from '../scores/model-scores.ts';
import type { RetirementNotes } from '../strategies/screen-retired-models.ts';
import type { RankedRecommendation } from './recommendation.ts';

/** A decision recorded on a recommendation, as the list shows it. */
export interface DecisionMark {
  readonly decision: 'accepted' | 'rejected';
  readonly decidedAtMs: number;
}

/** What `llmcost recommend` prints. */
export interface RecommendView {
  readonly recommendations: readonly RankedRecommendation[];
  readonly decisions: ReadonlyMap<string, DecisionMark>;
  /** Rejected recommendations left out (without `--all`). */
  readonly hiddenRejected: number;
  readonly window: { readonly startMs: number; readonly endMs: number };
  readonly pricingVersion: string;
  readonly sources: readonly ScoreSource[];
  /** Candidate models left out as retired; targets (`change.parameters.to`) retiring soon. */
  readonly retirement: RetirementNotes;
}
