import { checkBudgetHierarchy } from '../../analysis/check-budget-hierarchy.ts';
import { renderBudgetList } from '../../output/render-budget-list.ts';
import type { Context } from '../context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeOutput } from '../write-output.ts';

/** `llmcost budget list`: the budgets of the config file, as configured (no store needed). */
export function runBudgetList(settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'budget list', ['table', 'json', 'md']);
  const warnings = checkBudgetHierarchy(settings.budgets, settings.currency);
  writeOutput(
    ctx,
    settings,
    renderBudgetList(
      settings.budgets,
      warnings,
      { format, currency: settings.currency, timeZone: settings.timeZone },
      ctx.display,
    ),
  );
  return EXIT.OK;
}
