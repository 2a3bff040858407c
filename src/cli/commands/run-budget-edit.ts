import { resolve } from 'node:path';
import { checkBudgetHierarchy } from '../../analysis/check-budget-hierarchy.ts';
import { budgetToJson, BUDGET_NAME_PATTERN } from '../../config/parse-budgets.ts';
import { objectAt, updateConfigFile } from '../../config/update-config-file.ts';
import { validateConfig } from '../../config/validate-config.ts';
import { DEFAULT_THRESHOLDS, formatBudgetPeriod, type Budget } from '../../model/budget.ts';
import { picoToDecimalString } from '../../model/money.ts';
import { isValidTimeZone } from '../../model/zoned-time.ts';
import type { Context } from '../context.ts';
import { ConfigError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { Settings } from '../settings.ts';
import type { BudgetAddOptions } from './budget.ts';

/** The file budget add/rm write: the config read (`--config` or the one found), else ./llmcost.config.json. */
function configFileToEdit(settings: Settings, ctx: Context): string {
  return settings.configPath ?? resolve(ctx.cwd, 'llmcost.config.json');
}

/**
 * Applies `change` to the `budgets` of the config file, validates the whole result (a parent must exist,
 * fields must be valid) and writes it, keeping every other key. Returns the budgets as validated.
 */
function editBudgets(
  path: string,
  change: (budgets: Record<string, unknown>) => Record<string, unknown>,
): readonly Budget[] {
  let validated: readonly Budget[] = [];
  updateConfigFile(path, (config) => {
    const budgets = change(objectAt(config, 'budgets'));
    const next: Record<string, unknown> = { ...config, budgets };
    if (Object.keys(budgets).length === 0) delete next.budgets;
    const validation = validateConfig(next);
    if (!validation.ok) {
      throw new ConfigError(validation.problems.map((problem) => `${path}: ${problem}`).join('\n'));
    }
    validated = validation.config.budgets ?? [];
    return next;
  });
  return validated;
}

function describeBudget(budget: Budget, currency: string): string {
  const scope = budget.where.map((filter) => `${filter.dimension}=${filter.value}`).join(', ');
  return `${picoToDecimalString(budget.amountPico)} ${budget.currency ?? currency} ${formatBudgetPeriod(budget.period)}${scope === '' ? '' : ` where ${scope}`}`;
}

/** `llmcost budget add <name>`: writes the budget into the config file (creating it when needed). */
export function runBudgetAdd(
  name: string,
  options: BudgetAddOptions,
  settings: Settings,
  ctx: Context,
): ExitCode {
  if (!BUDGET_NAME_PATTERN.test(name)) {
    throw new UsageError(`budget name "${name}": use letters, digits, ".", "_" and "-" (at most 64)`);
  }
  if (options.currency !== undefined && !/^[A-Z]{3}$/.test(options.currency)) {
    throw new UsageError(`--currency: expected an ISO 4217 code such as EUR, got "${options.currency}"`);
  }
  if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
    throw new UsageError(
      `--time-zone: expected an IANA time zone such as "Europe/Berlin", got "${options.timeZone}"`,
    );
  }
  if (options.rollover !== undefined && options.period.kind !== 'calendar') {
    throw new UsageError('--rollover: only calendar periods roll over (not rolling windows or custom dates)');
  }
  const exists = settings.budgets.some((budget) => budget.name === name);
  if (exists && options.replace !== true) {
    throw new UsageError(
      `a budget named "${name}" exists; pass --replace to replace it, or llmcost budget rm ${name}`,
    );
  }
  const budget: Budget = {
    name,
    amountPico: options.amount,
    currency: options.currency ?? null,
    where: options.where,
    period: options.period,
    timeZone: options.timeZone ?? null,
    thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
    enforcement: options.enforcement,
    rollover:
      options.rollover === undefined
        ? null
        : { capPico: options.rollover === true ? null : options.rollover },
    parent: options.parent ?? null,
  };
  const path = configFileToEdit(settings, ctx);
  const budgets = editBudgets(path, (current) => ({ ...current, [name]: budgetToJson(budget) }));
  if (!settings.isQuiet) {
    ctx.stderr.write(
      `llmcost: ${exists ? 'replaced' : 'added'} budget "${name}" (${describeBudget(budget, settings.currency)}) in ${path}\n`,
    );
  }
  for (const warning of checkBudgetHierarchy(budgets, settings.currency)) {
    ctx.stderr.write(`llmcost: warning: ${warning}\n`);
  }
  return EXIT.OK;
}

/** `llmcost budget rm <name>`: removes it from the config file; the store keeps its alerts and history. */
export function runBudgetRemove(name: string, settings: Settings, ctx: Context): ExitCode {
  if (!settings.budgets.some((budget) => budget.name === name)) {
    throw new UsageError(
      `no budget named "${name}"${settings.budgets.length > 0 ? `; budgets: ${settings.budgets.map((budget) => budget.name).join(', ')}` : ''}`,
    );
  }
  const children = settings.budgets.filter((budget) => budget.parent === name);
  if (children.length > 0) {
    throw new UsageError(
      `budget "${name}" is the parent of ${children.map((child) => `"${child.name}"`).join(', ')}: remove or re-parent those first`,
    );
  }
  const path = configFileToEdit(settings, ctx);
  editBudgets(path, (current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== name)));
  if (!settings.isQuiet) ctx.stderr.write(`llmcost: removed budget "${name}" from ${path}\n`);
  return EXIT.OK;
}
