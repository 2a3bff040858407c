import Papa from 'papaparse';
import type { RecommendView } from '../optimizer/recommendations/recommend-view.ts';
import { formatAmountExact } from './format-money.ts';
import { neutralizeFormula } from './neutralize-formula.ts';

/** One row per recommendation; money as exact USD decimals, priority 0–100. */
export function renderRecommendCsv(view: RecommendView): string {
  const fields = [
    'rank',
    'id',
    'kind',
    'title',
    'monthly_savings_usd',
    'baseline_cost_usd',
    'scenario_cost_usd',
    'confidence',
    'effort',
    'quality_direction',
    'quality_delta_points',
    'priority',
    'status',
  ];
  const data = view.recommendations.map((recommendation) => [
    recommendation.rank,
    recommendation.id,
    recommendation.kind,
    neutralizeFormula(recommendation.title),
    formatAmountExact(recommendation.monthlySavingsPico),
    formatAmountExact(recommendation.baselineCostPico),
    formatAmountExact(recommendation.scenarioCostPico),
    recommendation.confidence,
    recommendation.effort,
    recommendation.qualityImpact.direction,
    recommendation.qualityImpact.deltaPoints ?? '',
    recommendation.priority,
    view.decisions.get(recommendation.id)?.decision ?? '',
  ]);
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}
