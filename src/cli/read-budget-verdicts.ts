import { applyRollover } from '../analysis/apply-rollover.ts';
import { budgetPeriodAt, pastBudgetPeriods } from '../analysis/budget-period.ts';
import type { UsageSlice } from '../analysis/build-report.ts';
import { buildSpendSeries, type ForecastUnit, type SpendSeries } from '../analysis/build-spend-series.ts';
import { evaluateBudget, type BudgetHistoryEntry, type BudgetVerdict } from '../analysis/evaluate-budget.ts';
import { datedPeriodOf } from '../analysis/period.ts';
import { projectBudgetPeriod } from '../analysis/project-budget-period.ts';
import type { Budget } from '../model/budget.ts';
import { recordClosedBudgetPeriods, selectClosedBudgetPeriods } from '../store/budget-periods.ts';
import type { Store } from '../store/open-store.ts';
import { chooseSliceMs } from './choose-slice-ms.ts';
import { selectConvertedUsage } from './select-converted-usage.ts';
import type { Settings } from './settings.ts';
import { usageFilterOf } from './usage-filter-of.ts';

const DAY_MS = 86_400_000;
/** Past periods read for history and rollover. */
const HISTORY_PERIODS = 12;
/** History a budget forecast learns from (as `llmcost forecast`): 6 weeks of hours, a year of days. */
const FORECAST_HISTORY_MS: Readonly<Record<'hour' | 'day', number>> = {
  hour: 42 * DAY_MS,
  day: 365 * DAY_MS,
};

export interface BudgetReadOptions {
  /** Forecast every budget (`--forecast`, `budget show`); otherwise only those with forecast thresholds. */
  readonly isForecastAll: boolean;
  /** `--max-breach-probability` when the forecast judges the check, else null. */
  readonly maxBreachProbability: number | null;
  /** Band level of the projected total (0–1). */
  readonly intervalLevel: number;
  /** Record periods that have ended in the store (history that survives amount changes and pruning). */
  readonly isRecordingHistory: boolean;
}

/** Hourly and daily budgets are forecast by the hour, longer ones by the day. */
function forecastUnitOf(budget: Budget): 'hour' | 'day' {
  return budget.period.kind === 'calendar' &&
    (budget.period.unit === 'hourly' || budget.period.unit === 'daily')
    ? 'hour'
    : 'day';
}

const sumIn = (slices: readonly UsageSlice[], fromMs: number, toMs: number): bigint =>
  slices.reduce(
    (total, slice) =>
      slice.sliceStartMs >= fromMs && slice.sliceStartMs < toMs ? total + slice.totals.costPico : total,
    0n,
  );

/** The spend series of all the slices (buildSpendSeries puts the total first, and always returns it). */
function totalSeries(
  slices: readonly UsageSlice[],
  unit: ForecastUnit,
  timeZone: string,
  forecastStartMs: number,
): SpendSeries {
  const [total] = buildSpendSeries(slices, { unit, timeZone, forecastStartMs, historyStartMs: null });
  if (total === undefined) throw new Error('buildSpendSeries returned no total series');
  return total;
}

/**
 * Reads each budget's spend from the store (in the cost mode of `settings`, converted to the budget's
 * currency like `llmcost report`), forecasts the rest of its period when asked, and judges it.
 * The period is the one holding the last instant before `--as-of`, so `--as-of 2026-11-30` judges
 * November as complete.
 */
export function readBudgetVerdicts(
  store: Store,
  budgets: readonly Budget[],
  settings: Settings,
  cwd: string,
  options: BudgetReadOptions,
): BudgetVerdict[] {
  return budgets.map((budget) => readBudgetVerdict(store, budget, settings, cwd, options));
}

function readBudgetVerdict(
  store: Store,
  budget: Budget,
  settings: Settings,
  cwd: string,
  options: BudgetReadOptions,
): BudgetVerdict {
  const { asOfMs } = settings;
  const timeZone = budget.timeZone ?? settings.timeZone;
  const currency = budget.currency ?? settings.currency;
  const window = budgetPeriodAt(budget.period, asOfMs - 1, timeZone);
  const past = pastBudgetPeriods(budget.period, window, timeZone, HISTORY_PERIODS);
  const unit: ForecastUnit = forecastUnitOf(budget);
  const forecastStartMs = Math.min(
    Math.max(datedPeriodOf(asOfMs, unit, timeZone).startMs, window.startMs),
    window.endMs,
  );
  const fromMs = Math.min(past[0]?.startMs ?? window.startMs, forecastStartMs - FORECAST_HISTORY_MS[unit]);
  const { slices } = selectConvertedUsage(
    store,
    {
      ...usageFilterOf(settings, fromMs, asOfMs, budget.where),
      costMode: settings.costMode,
      sliceMs: chooseSliceMs(timeZone, fromMs, asOfMs, unit === 'hour'),
      groupBy: [],
    },
    { ...settings, currency },
    cwd,
  );
  const spentPico = sumIn(slices, window.startMs, Math.min(asOfMs, window.endMs));
  const pastSpent = past.map((period) => sumIn(slices, period.startMs, period.endMs));
  // Rollover starts at the first period with usage: before it, the budget had nothing to carry.
  const firstUsage = Math.max(
    0,
    pastSpent.findIndex((spent) => spent > 0n),
  );
  const amounts = [
    ...pastSpent.slice(0, firstUsage).map(() => budget.amountPico),
    ...applyRollover(budget.amountPico, budget.rollover, pastSpent.slice(firstUsage)),
  ];
  const amountPico = amounts[amounts.length - 1] ?? budget.amountPico;
  const history = mergeHistory(
    store,
    budget,
    currency,
    past.map((period, index) => ({
      window: period,
      amountPico: amounts[index] ?? budget.amountPico,
      spentPico: pastSpent[index] ?? 0n,
    })),
    options.isRecordingHistory ? settings.asOfMs : null,
  );

  const isForecast =
    options.isForecastAll || budget.thresholds.some((threshold) => threshold.basis === 'forecast');
  const projection = isForecast
    ? projectBudgetPeriod({
        series: totalSeries(slices, unit, timeZone, forecastStartMs),
        unit,
        timeZone,
        forecastStartMs,
        periodEndMs: window.endMs,
        spentBeforeForecastPico: sumIn(slices, window.startMs, forecastStartMs),
        amountPico,
        intervalLevel: options.intervalLevel,
      })
    : null;
  return evaluateBudget({
    budget,
    currency,
    timeZone,
    window,
    asOfMs,
    amountPico,
    spentPico,
    projection,
    history,
    maxBreachProbability: options.maxBreachProbability,
  });
}

/**
 * Past periods as computed from usage, with what the store recorded when they ended: a recorded amount
 * stands (the budget may have changed since), a recorded spend stands where the usage is gone, and
 * recorded periods older than those computed come first. When `recordAtMs` is set, periods computed
 * with usage and not yet recorded are recorded.
 */
function mergeHistory(
  store: Store,
  budget: Budget,
  currency: string,
  computed: readonly BudgetHistoryEntry[],
  recordAtMs: number | null,
): BudgetHistoryEntry[] {
  const recorded = selectClosedBudgetPeriods(store, budget.name).filter((row) => row.currency === currency);
  const byStart = new Map(recorded.map((row) => [row.periodStartMs, row]));
  const firstComputedMs = computed[0]?.window.startMs ?? Number.POSITIVE_INFINITY;
  const older: BudgetHistoryEntry[] = recorded
    .filter((row) => row.periodStartMs < firstComputedMs)
    .map((row) => ({
      window: { label: row.periodLabel, startMs: row.periodStartMs, endMs: row.periodEndMs },
      amountPico: row.amountPico,
      spentPico: row.spentPico,
    }));
  const firstUsage = computed.findIndex((entry) => entry.spentPico > 0n);
  const merged = computed.slice(firstUsage < 0 ? computed.length : firstUsage).map((entry) => {
    const row = byStart.get(entry.window.startMs);
    if (row === undefined) return entry;
    return {
      window: entry.window,
      amountPico: row.amountPico,
      spentPico: entry.spentPico > 0n ? entry.spentPico : row.spentPico,
    };
  });
  if (recordAtMs !== null) {
    recordClosedBudgetPeriods(
      store,
      merged
        .filter((entry) => !byStart.has(entry.window.startMs))
        .map((entry) => ({
          budget: budget.name,
          periodStartMs: entry.window.startMs,
          periodEndMs: entry.window.endMs,
          periodLabel: entry.window.label,
          amountPico: entry.amountPico,
          spentPico: entry.spentPico,
          currency,
          recordedAtMs: recordAtMs,
        })),
    );
  }
  return [...older, ...merged];
}
