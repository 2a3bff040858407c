import { formatBudgetPeriod, formatBudgetThreshold, type Budget } from '../model/budget.ts';
import { picoToDecimalString } from '../model/money.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMoney } from './format-money.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';
import { renderPlainTable, type PlainTable } from './render-plain-table.ts';

export interface BudgetListContext {
  readonly format: 'table' | 'json' | 'md';
  /** Stands for budgets without their own currency / zone. */
  readonly currency: string;
  readonly timeZone: string;
}

const scopeText = (budget: Budget): string =>
  budget.where.length === 0
    ? 'all usage'
    : budget.where.map((filter) => `${filter.dimension}=${filter.value}`).join(', ');

const rolloverText = (budget: Budget, currency: string): string =>
  budget.rollover === null
    ? 'no'
    : budget.rollover.capPico === null
      ? 'yes'
      : `cap ${formatMoney(budget.rollover.capPico, currency)}`;

/** The configured budgets as a table, Markdown or JSON (amounts as exact decimal strings). */
export function renderBudgetList(
  budgets: readonly Budget[],
  warnings: readonly string[],
  context: BudgetListContext,
  display: DisplayOptions,
): string {
  if (context.format === 'json') {
    return `${JSON.stringify(
      {
        budgets: budgets.map((budget) => ({
          name: budget.name,
          amount: picoToDecimalString(budget.amountPico),
          currency: budget.currency ?? context.currency,
          period: formatBudgetPeriod(budget.period),
          timeZone: budget.timeZone ?? context.timeZone,
          where: Object.fromEntries(budget.where.map((filter) => [filter.dimension, filter.value])),
          thresholds: budget.thresholds.map(formatBudgetThreshold),
          enforcement: budget.enforcement,
          rollover:
            budget.rollover === null
              ? null
              : {
                  cap: budget.rollover.capPico === null ? null : picoToDecimalString(budget.rollover.capPico),
                },
          parent: budget.parent,
        })),
        warnings,
      },
      null,
      2,
    )}\n`;
  }
  if (budgets.length === 0)
    return 'No budgets. Add one with: llmcost budget add <name> --amount <n> --period monthly\n';
  const table: PlainTable = {
    head: ['Budget', 'Amount', 'Period', 'Scope', 'Thresholds %', 'Enforce', 'Rollover', 'Parent'],
    align: ['left', 'right', 'left', 'left', 'left', 'left', 'left', 'left'],
    shrinkable: [3],
    rows: budgets.map((budget) => {
      const currency = budget.currency ?? context.currency;
      return [
        budget.name,
        formatMoney(budget.amountPico, currency),
        `${formatBudgetPeriod(budget.period)}${budget.timeZone === null ? '' : ` (${budget.timeZone})`}`,
        scopeText(budget),
        budget.thresholds.map(formatBudgetThreshold).join(','),
        budget.enforcement,
        rolloverText(budget, currency),
        budget.parent ?? '',
      ];
    }),
  };
  const notes = warnings.map((warning) => `warning: ${warning}`);
  if (context.format === 'md') {
    return `${renderMarkdownTable(table)}${notes.map((note) => `\n- ${escapeMarkdownText(note)}`).join('')}${notes.length > 0 ? '\n' : ''}`;
  }
  return `${renderPlainTable(table, display)}${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}
