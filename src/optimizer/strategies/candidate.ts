import type { DurationSummary } from '../../model/timing-summary.ts';
import type { LatencyFigure, QualityComparison } from '../scores/score-index.ts';

/** One model a workload could run on, with what is known about it. */
export interface Candidate {
  /** First-party price-book key (`openai/gpt-4.1-mini`). */
  readonly model: string;
  readonly isCurrent: boolean;
  /**
   * The workload's cost replayed on this model (pico-USD); null when it cannot be priced, or was not
   * replayed because no source rates it against the current model (it cannot be picked).
   */
  readonly costPico: bigint | null;
  /** Requests the replay could not move to this model (context window, max output), kept on the current one. */
  readonly excludedRequests: number;
  /** Against the current model, from a source rating both; null: unknown quality. */
  readonly quality: QualityComparison | null;
  /** Published time to first token; null: unknown. */
  readonly latency: LatencyFigure | null;
  /** Failed share of the user's own requests to this model in the range (0–1), null when none were sent. */
  readonly observedErrorShare: number | null;
  /**
   * The user's own time to first token on this model in the range (its successful requests whose
   * source states it); null when none does.
   */
  readonly observedTtft: DurationSummary | null;
}

/**
 * Which TTFT the performance scores of a workload compare: the user's observed medians when every
 * candidate compared has one, else the published figures for all (never a mix: an observed median
 * includes the user's network, prompts and gateway, a published one a provider probe's, so one of
 * each would compare set-ups, not models).
 */
export type LatencyBasis = 'observed' | 'published';

/** The candidate's TTFT (ms) on `basis`; null when it has none there. */
export function ttftOn(candidate: Candidate, basis: LatencyBasis): number | null {
  return basis === 'observed'
    ? (candidate.observedTtft?.medianMs ?? null)
    : (candidate.latency?.ttftMs ?? null);
}

/** A candidate's component scores (each 0–1, 1 best) and weighted total; null where unknown. */
export interface CandidateScores {
  /** Cheapest candidate's cost / this cost. */
  readonly cost: number | null;
  /**
   * (Lowest candidate TTFT / this TTFT) × observed success share where the user has sent requests;
   * TTFT on the workload's LatencyBasis.
   */
  readonly performance: number | null;
  /** Probability a person prefers this model's answer over the current model's / the best such probability. */
  readonly quality: number | null;
  /** Σ weight × component over the components that enter (choose-model.ts); null when one is unknown. */
  readonly total: number | null;
}

/**
 * Why a candidate cannot be picked (null: it can). `current-unpriced`: the current model's cost is unknown,
 * so no change can be costed against it.
 */
export type Ineligibility =
  'unpriced' | 'current-unpriced' | 'quality-unknown' | 'quality-drop' | 'latency-unknown' | null;

export interface ScoredCandidate extends Candidate {
  readonly scores: CandidateScores;
  readonly ineligibility: Ineligibility;
}
