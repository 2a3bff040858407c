/**
 * Public figures about models that llmcost's usage data cannot show: how good a model's answers are
 * and how fast it starts answering. Every figure names the source it was read from; a model without
 * one is of unknown quality or latency, never given a guessed value.
 */

/** What a source measures. `arena-score`: a pairwise-preference rating, higher is better. `ttft-ms`: time to first token, lower is better. */
export type ScoreMetric = 'arena-score' | 'ttft-ms';

export const SCORE_METRICS: readonly ScoreMetric[] = ['arena-score', 'ttft-ms'];

/** One published table, as read on one date. Scores compare only with scores of the same source. */
export interface ScoreSource {
  readonly id: string;
  readonly metric: ScoreMetric;
  /** What the number means, in words. */
  readonly title: string;
  /** The publisher's page. */
  readonly url: string;
  /** The copy actually read (a dated snapshot), which may differ from `url`. */
  readonly readFrom: string;
  /** The date the figures describe (`YYYY-MM-DD`). */
  readonly dataDate: string;
  /** When llmcost's maintainers read them (`YYYY-MM-DD`). */
  readonly retrievedDate: string;
  readonly note: string;
}

/** One model's figure in one source. */
export interface ModelScore {
  /** Price-book key of the model (`openai/gpt-4.1-mini`), always a first-party provider's. */
  readonly model: string;
  readonly source: string;
  /** The row's name in the source, which may be one dated snapshot of the price-book model. */
  readonly sourceModel: string;
  /** The figure in the source's metric. */
  readonly value: number;
  /** Half-width of the 95% confidence interval the source states, or null. */
  readonly ci95: number | null;
  /** Number of votes behind an arena score, or null. */
  readonly votes: number | null;
}

export interface ModelScores {
  readonly sources: readonly ScoreSource[];
  readonly scores: readonly ModelScore[];
}
