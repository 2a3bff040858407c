import type { RecommendView } from '../optimizer/recommendations/recommend-view.ts';
import type { RecommendationChange } from '../optimizer/recommendations/recommendation.ts';
import type { RetirementNotes } from '../optimizer/strategies/screen-retired-models.ts';
import { daysText, retiredCandidatesNote } from './describe-retirement.ts';
import { formatMoney } from './format-money.ts';
import { formatCount } from './format-number.ts';
import type { PlainTable } from './render-plain-table.ts';

const DAY_MS = 86_400_000;

/** The ranked list as table cells (same cells in the terminal and in Markdown). */
export function recommendationTable(view: RecommendView): PlainTable {
  return {
    head: ['#', 'Id', 'Kind', 'Saves/mo', 'Confidence', 'Effort', 'Quality', 'Priority', 'Status'],
    align: ['right', 'left', 'left', 'right', 'left', 'left', 'left', 'right', 'left'],
    rows: view.recommendations.map((recommendation) => [
      String(recommendation.rank),
      recommendation.id,
      recommendation.kind,
      formatMoney(recommendation.monthlySavingsPico, 'USD'),
      recommendation.confidence,
      recommendation.effort,
      qualityCell(recommendation.qualityImpact),
      recommendation.priority.toFixed(1),
      view.decisions.get(recommendation.id)?.decision ?? '',
    ]),
  };
}

function qualityCell(impact: RecommendView['recommendations'][number]['qualityImpact']): string {
  if (impact.deltaPoints !== null) return `${impact.deltaPoints > 0 ? '+' : ''}${impact.deltaPoints} pts`;
  return impact.direction;
}

/** Per recommendation: what to do, why, and the replayed costs behind its saving. */
export function recommendationDetails(
  view: RecommendView,
): { readonly title: string; readonly body: string }[] {
  return view.recommendations.map((recommendation) => ({
    title: `${recommendation.rank}. ${recommendation.id}  ${recommendation.title}`,
    body:
      recommendation.kind === 'budget-adjustment'
        ? recommendation.rationale
        : `${recommendation.rationale} Replayed over the window: ${formatMoney(recommendation.baselineCostPico, 'USD')} → ${formatMoney(recommendation.scenarioCostPico, 'USD')}. Quality: ${recommendation.qualityImpact.note}.${targetRetirementNote(recommendation.change, view.retirement)}`,
  }));
}

/** The notes: window and scaling, priority formula, scales, what is hidden, sources. */
export function recommendationNotes(view: RecommendView): string[] {
  const days = (view.window.endMs - view.window.startMs) / DAY_MS;
  const from = new Date(view.window.startMs).toISOString().slice(0, 10);
  const to = new Date(view.window.endMs).toISOString().slice(0, 16).replace('T', ' ');
  const notes = [
    `Savings: the usage from ${from} to ${to} UTC (${days.toFixed(1)} days) replayed with the change at list price (USD), scaled to a month: × 30.4375 / ${days.toFixed(1)}.`,
    'Priority = 100 × (0.5 × savings / largest savings + 0.3 × confidence + 0.2 × ease); confidence high 1, medium 0.6, low 0.3; ease easy 1, medium 0.6, hard 0.3.',
    'Confidence: high ≥ 1,000 requests over ≥ 14 days, medium ≥ 100 over ≥ 3 days, else low; one level lower where the estimate also rests on an assumption (borrowed cache rate, night-time work, a lower-rated model, trimmed prompts).',
    'llmcost recommend accept|reject <id> records a decision; recommend verify <id> compares spend since with the prediction.',
  ];
  const retired = retiredCandidatesNote(view.retirement);
  if (retired !== null) notes.push(retired);
  if (view.hiddenRejected > 0)
    notes.push(`${formatCount(view.hiddenRejected)} rejected recommendations not shown (--all).`);
  return notes;
}

/** ` Retiring: openai/x is retired on 2026-12-01 (in 16 days); …` when the change's target retires soon, else ''. */
function targetRetirementNote(change: RecommendationChange, retirement: RetirementNotes): string {
  const target = change.parameters.to;
  const flag = target === undefined ? undefined : retirement.flags.get(target);
  if (target === undefined || flag?.status !== 'retiring' || flag.date === null) return '';
  return ` Retiring: ${target} is retired on ${flag.date} (${daysText(flag.daysLeft ?? 0)}); plan for its successor.`;
}
