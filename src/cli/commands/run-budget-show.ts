import { existsSync } from 'node:fs';
import { checkBudgetHierarchy } from '../../analysis/check-budget-hierarchy.ts';
import { renderBudgetShowJson, renderBudgetShowTable } from '../../output/render-budget-show.ts';
import { openStore } from '../../store/open-store.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { readBudgetVerdicts } from '../read-budget-verdicts.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeOutput } from '../write-output.ts';
import type { BudgetShowOptions } from './budget.ts';
import { selectBudgets } from './select-budgets.ts';

/**
 * `llmcost budget show [name]`: where each budget stands, its projection and its past periods. Budgets
 * whose history is too short to forecast are shown without a projection (no error: this is a report).
 */
export function runBudgetShow(
  name: string | undefined,
  options: BudgetShowOptions,
  settings: Settings,
  ctx: Context,
): ExitCode {
  const budgets = selectBudgets(settings, name);
  const format = requireFormat(settings, 'budget show', ['table', 'json']);
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
  const store = openStore(settings.dbPath);
  try {
    const verdicts = readBudgetVerdicts(store, budgets, settings, ctx.cwd, {
      isForecastAll: true,
      maxBreachProbability: null,
      intervalLevel: 0.8,
      isRecordingHistory: true,
    });
    const warnings = checkBudgetHierarchy(settings.budgets, settings.currency);
    writeOutput(
      ctx,
      settings,
      format === 'json'
        ? renderBudgetShowJson(verdicts, options.history, warnings)
        : renderBudgetShowTable(verdicts, options.history, warnings, ctx.display),
    );
    return EXIT.OK;
  } finally {
    store.close();
  }
}
