import type { BudgetVerdict } from '../analysis/evaluate-budget.ts';
import { numberToPico } from '../model/money.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMoney } from './format-money.ts';
import { formatPercent } from './format-number.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';
import { renderPlainTable, type PlainTable } from './render-plain-table.ts';

const LEVEL_TEXT = { ok: 'ok', warn: 'warn', critical: 'critical', breach: 'BREACH' } as const;

/** A float amount of currency units as money text (projections are floats; amounts are exact). */
export function formatProjectedMoney(value: number, currency: string): string {
  return formatMoney(numberToPico(Math.round(value * 1e6) / 1e6) ?? 0n, currency);
}

/** One row per budget: spend against the amount, the projection and its breach probability, the level. */
function budgetCheckTable(verdicts: readonly BudgetVerdict[]): PlainTable {
  return {
    head: ['Budget', 'Period', 'Spent', 'Amount', 'Used', 'Projected', 'P(over)', 'Status'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    shrinkable: [0],
    rows: verdicts.map((verdict) => {
      const { projection, currency } = verdict;
      return [
        verdict.budget.name,
        verdict.window.label,
        formatMoney(verdict.spentPico, currency),
        formatMoney(verdict.amountPico, currency),
        formatPercent(verdict.utilization),
        projection === null ? '—' : formatProjectedMoney(projection.projected, currency),
        projection === null ? '—' : formatPercent(projection.breachProbability),
        LEVEL_TEXT[verdict.level],
      ];
    }),
  };
}

/** What each budget's level means, and why: the thresholds reached and a likely breach. */
function reasons(verdicts: readonly BudgetVerdict[]): string[] {
  return verdicts
    .filter((verdict) => verdict.level !== 'ok')
    .map((verdict) => {
      const parts = verdict.crossed.map((threshold) =>
        threshold.basis === 'actual' ? `spent ${threshold.percent}%` : `projected ${threshold.percent}%`,
      );
      if (verdict.isLikelyBreach && verdict.projection !== null && verdict.maxBreachProbability !== null) {
        parts.push(
          `P(over) ${formatPercent(verdict.projection.breachProbability)} > ${formatPercent(verdict.maxBreachProbability)}`,
        );
      }
      return `${verdict.budget.name}: ${LEVEL_TEXT[verdict.level]} (${parts.join(', ')})`;
    });
}

export function renderBudgetCheckTable(
  verdicts: readonly BudgetVerdict[],
  warnings: readonly string[],
  display: DisplayOptions,
): string {
  const lines = [...reasons(verdicts), ...warnings.map((warning) => `warning: ${warning}`)];
  return `${renderPlainTable(budgetCheckTable(verdicts), display)}${lines.length > 0 ? `\n${lines.join('\n')}\n` : ''}`;
}

/** A summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment. */
export function renderBudgetCheckMarkdown(
  verdicts: readonly BudgetVerdict[],
  warnings: readonly string[],
  asOfMs: number,
): string {
  const over = verdicts.filter((verdict) => verdict.level === 'breach').length;
  const warned = verdicts.filter(
    (verdict) => verdict.level === 'warn' || verdict.level === 'critical',
  ).length;
  const headline =
    over > 0
      ? `**${over} of ${verdicts.length} budgets in breach**`
      : warned > 0
        ? `**${warned} of ${verdicts.length} budgets past a warning threshold**`
        : `**All ${verdicts.length} budgets within their thresholds**`;
  const lines = [
    '## llmcost budget check',
    '',
    `${headline} (as of ${new Date(asOfMs).toISOString()})`,
    '',
    renderMarkdownTable(budgetCheckTable(verdicts)).trimEnd(),
  ];
  const notes = [...reasons(verdicts), ...warnings.map((warning) => `warning: ${warning}`)];
  if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${escapeMarkdownText(note)}`));
  lines.push(
    '',
    '_P(over): probability that the period ends over its amount, from the calibrated forecast (— without `--forecast`)._',
  );
  return `${lines.join('\n')}\n`;
}
