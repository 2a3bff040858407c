import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import type { ExitCode } from '../exit-codes.ts';
import type { Settings } from '../settings.ts';
import type { CanSpendOptions } from './budget.ts';

export function runBudgetCanSpend(_options: CanSpendOptions, _settings: Settings, _ctx: Context): ExitCode {
  throw new UsageError('budget can-spend: not built yet');
}
