import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { checkBudgetHierarchy } from '../../analysis/check-budget-hierarchy.ts';
import type { BudgetVerdict } from '../../analysis/evaluate-budget.ts';
import { formatBudgetThreshold, isLevelAtLeast, type BudgetLevel } from '../../model/budget.ts';
import { picoToNumber } from '../../model/money.ts';
import {
  budgetCheckJson,
  renderBudgetCheckJson,
  type BudgetAlertJson,
} from '../../output/budget-check-json.ts';
import { renderBudgetCheckMarkdown, renderBudgetCheckTable } from '../../output/render-budget-check.ts';
import { hasBudgetAlert, insertBudgetAlert } from '../../store/budget-alerts.ts';
import { openStore, type Store } from '../../store/open-store.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { readBudgetVerdicts } from '../read-budget-verdicts.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { BudgetCheckOptions } from './budget.ts';
import { selectBudgets } from './select-budgets.ts';

/** Default of `--max-breach-probability`: a breach more likely than not. */
const DEFAULT_MAX_BREACH_PROBABILITY = 0.5;

/** The alerts a verdict raises: each threshold reached, and a likely breach. */
function alertsOf(verdict: BudgetVerdict, asOfMs: number): BudgetAlertJson[] {
  const keys = verdict.crossed.map((threshold) => ({
    threshold: formatBudgetThreshold(threshold),
    level: levelOfThreshold(verdict, threshold.percent),
  }));
  if (verdict.isLikelyBreach) keys.push({ threshold: 'breach-probability', level: 'breach' });
  return keys.map(({ threshold, level }) => ({
    budget: verdict.budget.name,
    threshold,
    level,
    period: verdict.window.label,
    periodStart: new Date(verdict.window.startMs).toISOString(),
    periodEnd: new Date(verdict.window.endMs).toISOString(),
    currency: verdict.currency,
    spent: picoToNumber(verdict.spentPico),
    amount: picoToNumber(verdict.amountPico),
    projected: verdict.projection?.projected ?? null,
    breachProbability: verdict.projection?.breachProbability ?? null,
    enforcement: verdict.budget.enforcement,
    asOf: new Date(asOfMs).toISOString(),
  }));
}

/** The level one threshold stands for (see evaluateBudget). */
function levelOfThreshold(verdict: BudgetVerdict, percent: number): BudgetLevel {
  if (percent >= 100) return 'breach';
  const below = verdict.budget.thresholds.filter((threshold) => threshold.percent < 100);
  return percent === Math.max(...below.map((threshold) => threshold.percent)) ? 'critical' : 'warn';
}

/**
 * Fires the alerts not yet recorded for their period: runs `--notify-command` (through the shell) with
 * each alert as JSON on stdin, then records it, so each fires once per threshold per period. A failing
 * command leaves its alert unrecorded (it fires again next run) and fails the check with exit 1.
 */
function fireNewAlerts(
  store: Store,
  alerts: readonly { readonly verdict: BudgetVerdict; readonly alert: BudgetAlertJson }[],
  notifyCommand: string | undefined,
  ctx: Context,
  asOfMs: number,
): { fired: BudgetAlertJson[]; failures: string[] } {
  const fired: BudgetAlertJson[] = [];
  const failures: string[] = [];
  for (const { verdict, alert } of alerts) {
    const key = { budget: alert.budget, periodStartMs: verdict.window.startMs, threshold: alert.threshold };
    if (hasBudgetAlert(store, key)) continue;
    if (notifyCommand !== undefined) {
      const result = spawnSync(notifyCommand, {
        shell: true,
        input: `${JSON.stringify(alert)}\n`,
        cwd: ctx.cwd,
        env: { ...ctx.env },
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (result.status !== 0) {
        const why =
          result.status !== null
            ? `exit ${result.status}`
            : (result.error?.message ?? `signal ${String(result.signal)}`);
        failures.push(
          `--notify-command failed for ${alert.budget} ${alert.threshold} (${why}): ${result.stderr.trim()}`,
        );
        continue;
      }
    }
    insertBudgetAlert(store, {
      ...key,
      periodLabel: alert.period,
      level: alert.level,
      spentPico: verdict.spentPico,
      amountPico: verdict.amountPico,
      currency: verdict.currency,
      firedAtMs: asOfMs,
    });
    fired.push(alert);
  }
  return { fired, failures };
}

/**
 * `llmcost budget check`: judges every budget (or `--name`), fires new alerts, prints, and exits 3 when
 * a budget reaches the `--fail-on` level; 0 otherwise. Errors and missing data are 1 or 2, never 3.
 */
export function runBudgetCheck(options: BudgetCheckOptions, settings: Settings, ctx: Context): ExitCode {
  const budgets = selectBudgets(settings, options.name);
  const format = requireFormat(settings, 'budget check', ['table', 'json', 'md']);
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
  const isForecast = options.forecast === true || options.maxBreachProbability !== undefined;
  const store = openStore(settings.dbPath);
  try {
    const verdicts = readBudgetVerdicts(store, budgets, settings, ctx.cwd, {
      isForecastAll: isForecast,
      maxBreachProbability: isForecast
        ? (options.maxBreachProbability ?? DEFAULT_MAX_BREACH_PROBABILITY)
        : null,
      intervalLevel: 0.8,
      isRecordingHistory: true,
    });
    const unforecast = verdicts.filter(
      (verdict) =>
        verdict.projection === null &&
        (isForecast || verdict.budget.thresholds.some((threshold) => threshold.basis === 'forecast')),
    );
    if (unforecast.length > 0) {
      throw new InputError(
        `not enough usage history to forecast ${unforecast.map((verdict) => `"${verdict.budget.name}"`).join(', ')} (at least two ${unforecast.length === 1 ? 'periods' : 'periods each'} before --as-of): ingest more history, or check without --forecast`,
      );
    }
    const warnings = checkBudgetHierarchy(settings.budgets, settings.currency);
    const { fired, failures } = fireNewAlerts(
      store,
      verdicts.flatMap((verdict) => alertsOf(verdict, settings.asOfMs).map((alert) => ({ verdict, alert }))),
      options.notifyCommand,
      ctx,
      settings.asOfMs,
    );
    writeInFormat(ctx, settings, format, {
      json: () => renderBudgetCheckJson(budgetCheckJson(verdicts, warnings, fired, settings.asOfMs)),
      md: () => renderBudgetCheckMarkdown(verdicts, warnings, settings.asOfMs),
      table: () => renderBudgetCheckTable(verdicts, warnings, ctx.display),
    });
    if (failures.length > 0) throw new InputError(failures.join('\n'));
    return verdicts.some((verdict) => isLevelAtLeast(verdict.level, options.failOn)) ? EXIT.GATE : EXIT.OK;
  } finally {
    store.close();
  }
}
