import type { Budget } from '../../model/budget.ts';
import { suggestKey } from '../../ingest/suggest-key.ts';
import { ConfigError, UsageError } from '../errors.ts';
import type { Settings } from '../settings.ts';

/** The budgets a command works on: all of them, or the one `--name` names (exit 2 when none). */
export function selectBudgets(settings: Settings, name: string | undefined): readonly Budget[] {
  if (settings.budgets.length === 0) {
    throw new ConfigError(
      `no budgets in ${settings.configPath ?? 'the config file (none found)'}: add one with llmcost budget add <name> --amount <n> --period monthly`,
    );
  }
  if (name === undefined) return settings.budgets;
  const budget = settings.budgets.find((candidate) => candidate.name === name);
  if (budget !== undefined) return [budget];
  const names = settings.budgets.map((candidate) => candidate.name);
  const suggestion = suggestKey(name, names);
  throw new UsageError(
    `no budget named "${name}"${suggestion === null ? '' : ` (did you mean "${suggestion}"?)`}; budgets: ${names.join(', ')}`,
  );
}
