import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import type { ExitCode } from '../exit-codes.ts';
import type { Settings } from '../settings.ts';
import type { BudgetShowOptions } from './budget.ts';

export function runBudgetShow(
  _name: string | undefined,
  _options: BudgetShowOptions,
  _settings: Settings,
  _ctx: Context,
): ExitCode {
  throw new UsageError('budget show: not built yet');
}
