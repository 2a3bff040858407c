import type { RecommendView } from '../optimizer/recommendations/recommend-view.ts';
import type { QualityImpact, RecommendationChange } from '../optimizer/recommendations/recommendation.ts';
import type { ScoreSource } from '../optimizer/scores/model-scores.ts';
import { moneyJson, type MoneyJson } from './money-json.ts';
import {
  retiredCandidatesJson,
  retirementJson,
  type RetiredCandidatesJson,
  type RetirementJson,
} from './retirement-json.ts';

export interface RecommendationJson {
  readonly rank: number;
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly rationale: string;
  /** Per 30.4375-day month. */
  readonly monthlySavings: MoneyJson;
  /** The scope's usage over the window as it cost, and replayed with the change. */
  readonly baselineCost: MoneyJson;
  readonly scenarioCost: MoneyJson;
  readonly confidence: string;
  readonly effort: string;
  readonly qualityImpact: QualityImpact;
  /** 0–100. */
  readonly priority: number;
  readonly change: RecommendationChange;
  readonly decision: { readonly decision: string; readonly decidedAt: string } | null;
  /**
   * Set when the model the change moves usage to (`change.parameters.to`) retires within
   * `retiredCandidates.soonDays` days of the as-of day; null otherwise.
   */
  readonly retirement: (RetirementJson & { readonly model: string }) | null;
}

/** `llmcost recommend --format json` (schemaVersion 1). Money in USD: float, exact decimal text, pico-USD text. */
export interface RecommendJson {
  readonly schemaVersion: 1;
  readonly view: 'recommend';
  readonly currency: 'USD';
  readonly moneyUnit: 'picoUSD';
  readonly timeZone: string;
  readonly window: { readonly start: string; readonly end: string };
  readonly pricingVersion: string;
  readonly priorityFormula: string;
  readonly recommendations: readonly RecommendationJson[];
  readonly hiddenRejected: number;
  readonly retiredCandidates: RetiredCandidatesJson;
  readonly sources: readonly ScoreSource[];
}

export function renderRecommendJson(view: RecommendView, timeZone: string): string {
  const json: RecommendJson = {
    schemaVersion: 1,
    view: 'recommend',
    currency: 'USD',
    moneyUnit: 'picoUSD',
    timeZone,
    window: {
      start: new Date(view.window.startMs).toISOString(),
      end: new Date(view.window.endMs).toISOString(),
    },
    pricingVersion: view.pricingVersion,
    priorityFormula: '100 × (0.5 × savings / max savings + 0.3 × confidence + 0.2 × ease)',
    recommendations: view.recommendations.map((recommendation) => {
      const decision = view.decisions.get(recommendation.id);
      const target = recommendation.change.parameters.to;
      const retirement = target === undefined ? null : retirementJson(view.retirement.flags.get(target));
      return {
        rank: recommendation.rank,
        id: recommendation.id,
        kind: recommendation.kind,
        title: recommendation.title,
        rationale: recommendation.rationale,
        monthlySavings: moneyJson(recommendation.monthlySavingsPico),
        baselineCost: moneyJson(recommendation.baselineCostPico),
        scenarioCost: moneyJson(recommendation.scenarioCostPico),
        confidence: recommendation.confidence,
        effort: recommendation.effort,
        qualityImpact: recommendation.qualityImpact,
        priority: recommendation.priority,
        change: recommendation.change,
        decision:
          decision === undefined
            ? null
            : { decision: decision.decision, decidedAt: new Date(decision.decidedAtMs).toISOString() },
        retirement: retirement === null || target === undefined ? null : { model: target, ...retirement },
      };
    }),
    hiddenRejected: view.hiddenRejected,
    retiredCandidates: retiredCandidatesJson(view.retirement),
    sources: view.sources,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
