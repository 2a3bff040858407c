import type { ModelScore, ModelScores, ScoreSource } from './model-scores.ts';

/** Scores looked up by price-book key, with their sources. */
export interface ScoreIndex {
  readonly sources: ReadonlyMap<string, ScoreSource>;
  /** Each model's scores, newest source first (by `dataDate`, then id). */
  readonly byModel: ReadonlyMap<string, readonly ModelScore[]>;
}

/** A model's latency as a source publishes it. */
export interface LatencyFigure {
  readonly ttftMs: number;
  readonly source: ScoreSource;
}

/**
 * How a candidate's answers compare with a baseline model's, from one source that rates both: the
 * newest such source. `winProbability` is the Bradley-Terry (Elo-scale) chance that a person prefers the
 * candidate's answer: 1 / (1 + 10^(−delta / 400)), 0.5 for equal scores.
 */
export interface QualityComparison {
  readonly source: ScoreSource;
  readonly baselineScore: number;
  readonly candidateScore: number;
  /** Candidate minus baseline, in arena points (negative: the candidate is rated lower). */
  readonly deltaPoints: number;
  readonly winProbability: number;
}

export function indexScores(scores: ModelScores): ScoreIndex {
  const sources = new Map(scores.sources.map((source) => [source.id, source]));
  const byModel = new Map<string, ModelScore[]>();
  for (const score of scores.scores) byModel.set(score.model, [...(byModel.get(score.model) ?? []), score]);
  const newestFirst = (a: ModelScore, b: ModelScore): number => {
    const dateA = sources.get(a.source)?.dataDate ?? '';
    const dateB = sources.get(b.source)?.dataDate ?? '';
    return dateA !== dateB ? (dateA < dateB ? 1 : -1) : a.source < b.source ? -1 : 1;
  };
  for (const list of byModel.values()) list.sort(newestFirst);
  return { sources, byModel };
}

/** The model's time to first token from the newest latency source that lists it, or null. */
export function latencyOf(index: ScoreIndex, model: string): LatencyFigure | null {
  for (const score of index.byModel.get(model) ?? []) {
    const source = index.sources.get(score.source);
    if (source?.metric === 'ttft-ms') return { ttftMs: score.value, source };
  }
  return null;
}

/** Whether any quality source rates the model. */
export function hasQualityScore(index: ScoreIndex, model: string): boolean {
  return (index.byModel.get(model) ?? []).some(
    (score) => index.sources.get(score.source)?.metric === 'arena-score',
  );
}

/** Candidate against baseline in the newest quality source rating both; null when none does. */
export function compareQuality(
  index: ScoreIndex,
  baseline: string,
  candidate: string,
): QualityComparison | null {
  const baselineScores = index.byModel.get(baseline) ?? [];
  for (const score of index.byModel.get(candidate) ?? []) {
    const source = index.sources.get(score.source);
    if (source?.metric !== 'arena-score') continue;
    const other = baselineScores.find((entry) => entry.source === score.source);
    if (other === undefined) continue;
    const deltaPoints = score.value - other.value;
    return {
      source,
      baselineScore: other.value,
      candidateScore: score.value,
      deltaPoints,
      winProbability: 1 / (1 + 10 ** (-deltaPoints / 400)),
    };
  }
  return null;
}
