import type { BudgetVerdict } from '../analysis/evaluate-budget.ts';
import { formatBudgetPeriod, formatBudgetThreshold } from '../model/budget.ts';
import { picoToDecimalString, picoToNumber } from '../model/money.ts';
import { localParts } from '../model/zoned-time.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMoney } from './format-money.ts';
import { formatPercent } from './format-number.ts';
import { renderPlainTable } from './render-plain-table.ts';
import { formatProjectedMoney } from './render-budget-check.ts';

const DAY_MS = 86_400_000;
const pad = (value: number): string => String(value).padStart(2, '0');

/** `2026-11-27 14:00 UTC`: an instant in the budget's zone. */
function formatLocal(ms: number, timeZone: string): string {
  const local = localParts(ms, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)} ${timeZone}`;
}

const days = (ms: number): string => `${(ms / DAY_MS).toFixed(1)} days`;

/** Label and text lines of one budget's state. */
function budgetLines(verdict: BudgetVerdict): [string, string][] {
  const { budget, currency, projection, timeZone } = verdict;
  const money = (pico: bigint) => formatMoney(pico, currency);
  const scope =
    budget.where.length === 0
      ? 'all usage'
      : budget.where.map((filter) => `${filter.dimension}=${filter.value}`).join(', ');
  const carried = verdict.amountPico - budget.amountPico;
  const lines: [string, string][] = [
    ['Period', `${verdict.window.label} (${formatBudgetPeriod(budget.period)}, ${timeZone}), ${scope}`],
    [
      'Spent',
      `${money(verdict.spentPico)} of ${money(verdict.amountPico)}${carried > 0n ? ` (${money(carried)} rolled over)` : ''}, ${formatPercent(verdict.utilization)} used`,
    ],
    [
      'Remaining',
      verdict.remainingPico >= 0n
        ? money(verdict.remainingPico)
        : `none: ${money(-verdict.remainingPico)} over`,
    ],
    ['Burn rate', `${money(verdict.burnRatePerDayPico)} per day so far`],
  ];
  if (projection !== null) {
    const band =
      projection.lower === null || projection.upper === null
        ? 'no band (too little history to calibrate)'
        : `${Math.round(projection.intervalLevel * 100)}% band ${formatProjectedMoney(projection.lower, currency)}–${formatProjectedMoney(projection.upper, currency)}`;
    lines.push([
      'Projected',
      `${formatProjectedMoney(projection.projected, currency)} (${band}); P(over) ${formatPercent(projection.breachProbability)}; method ${projection.method}`,
    ]);
  } else {
    lines.push(['Projected', 'no forecast (too little history before --as-of)']);
  }
  lines.push([
    'On track',
    verdict.isOnTrack === null ? '—' : verdict.isOnTrack ? 'yes' : 'no: projected over the amount',
  ]);
  lines.push([
    'Exhausted',
    verdict.remainingPico <= 0n
      ? 'already'
      : verdict.exhaustionMs === null
        ? 'not within the period at the projected pace'
        : `${formatLocal(verdict.exhaustionMs, timeZone)} at the projected pace`,
  ]);
  lines.push(['Days left', days(verdict.remainingMs)]);
  lines.push([
    'Resets',
    verdict.resetsAtMs === null
      ? budget.period.kind === 'rolling'
        ? 'never: a rolling window slides each day'
        : `never: custom dates end ${formatLocal(verdict.window.endMs, timeZone)}`
      : `in ${days(verdict.resetsAtMs - verdict.asOfMs)} (${formatLocal(verdict.resetsAtMs, timeZone)})`,
  ]);
  lines.push([
    'Status',
    `${verdict.level}${verdict.crossed.length > 0 ? ` (thresholds reached: ${verdict.crossed.map(formatBudgetThreshold).join(', ')})` : ''}; enforcement ${budget.enforcement}${budget.parent === null ? '' : `; inside "${budget.parent}"`}`,
  ]);
  return lines;
}

/** `budget show` for people: one block per budget, then its past periods. */
export function renderBudgetShowTable(
  verdicts: readonly BudgetVerdict[],
  historyCount: number,
  warnings: readonly string[],
  display: DisplayOptions,
): string {
  const blocks = verdicts.map((verdict) => {
    const lines = budgetLines(verdict);
    const width = Math.max(...lines.map(([label]) => label.length));
    const text = [
      `Budget ${verdict.budget.name}`,
      ...lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ];
    const history = verdict.history.slice(-historyCount);
    if (history.length > 0) {
      text.push(
        '',
        renderPlainTable(
          {
            head: ['Past period', 'Spent', 'Amount', 'Used'],
            align: ['left', 'right', 'right', 'right'],
            rows: history.map((entry) => [
              entry.window.label,
              formatMoney(entry.spentPico, verdict.currency),
              formatMoney(entry.amountPico, verdict.currency),
              entry.amountPico > 0n
                ? formatPercent(Number((entry.spentPico * 10_000n) / entry.amountPico) / 10_000)
                : '—',
            ]),
          },
          display,
        ).trimEnd(),
      );
    }
    return text.join('\n');
  });
  const notes = warnings.map((warning) => `warning: ${warning}`);
  return `${blocks.join('\n\n')}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}

/** `budget show --format json`: money as numbers (floats, currency units) plus exact decimal strings. */
export function renderBudgetShowJson(
  verdicts: readonly BudgetVerdict[],
  historyCount: number,
  warnings: readonly string[],
): string {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const json = {
    schemaVersion: 1,
    budgets: verdicts.map((verdict) => ({
      name: verdict.budget.name,
      status: verdict.status,
      level: verdict.level,
      currency: verdict.currency,
      timeZone: verdict.timeZone,
      period: {
        label: verdict.window.label,
        start: iso(verdict.window.startMs),
        end: iso(verdict.window.endMs),
      },
      spent: picoToNumber(verdict.spentPico),
      spentExact: picoToDecimalString(verdict.spentPico),
      amount: picoToNumber(verdict.amountPico),
      amountExact: picoToDecimalString(verdict.amountPico),
      remaining: picoToNumber(verdict.remainingPico),
      utilization: verdict.utilization,
      burnRatePerDay: picoToNumber(verdict.burnRatePerDayPico),
      projected: verdict.projection?.projected ?? null,
      projectedLower: verdict.projection?.lower ?? null,
      projectedUpper: verdict.projection?.upper ?? null,
      interval: verdict.projection === null ? null : Math.round(verdict.projection.intervalLevel * 100),
      breachProbability: verdict.projection?.breachProbability ?? null,
      method: verdict.projection?.method ?? null,
      isOnTrack: verdict.isOnTrack,
      exhaustion: iso(verdict.exhaustionMs),
      daysLeft: verdict.remainingMs / DAY_MS,
      resetsAt: iso(verdict.resetsAtMs),
      resetsInDays: verdict.resetsAtMs === null ? null : (verdict.resetsAtMs - verdict.asOfMs) / DAY_MS,
      thresholdsReached: verdict.crossed.map(formatBudgetThreshold),
      history: verdict.history.slice(-historyCount).map((entry) => ({
        period: entry.window.label,
        start: iso(entry.window.startMs),
        end: iso(entry.window.endMs),
        spent: picoToNumber(entry.spentPico),
        spentExact: picoToDecimalString(entry.spentPico),
        amount: picoToNumber(entry.amountPico),
        amountExact: picoToDecimalString(entry.amountPico),
      })),
    })),
    warnings,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
