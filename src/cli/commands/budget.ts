import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  parseBudgetAmount,
  parseBudgetPeriod,
  parseBudgetThresholdList,
} from '../../config/parse-budget-fields.ts';
import {
  ENFORCEMENTS,
  type BudgetLevel,
  type BudgetPeriod,
  type BudgetThreshold,
  type Enforcement,
} from '../../model/budget.ts';
import type { DimensionFilter } from '../../model/dimension.ts';
import type { CommandRunner } from '../command-runner.ts';
import { collectFilter, parseChoice, parsePositiveInteger } from '../parse-flags.ts';
import type { GlobalFlags } from '../settings.ts';

const FAIL_ON_LEVELS = ['warn', 'critical', 'breach'] as const satisfies readonly BudgetLevel[];

/** A commander parser from one of the shared budget field parsers. */
const flagParser =
  <T>(parse: (text: string) => { ok: true; value: T } | { ok: false; message: string }) =>
  (text: string): T => {
    const parsed = parse(text);
    if (!parsed.ok) throw new InvalidArgumentError(parsed.message);
    return parsed.value;
  };

function parseProbability(text: string): number {
  const value = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(value >= 0 && value < 1)) {
    throw new InvalidArgumentError(
      `expected a probability from 0 up to (not including) 1 such as 0.2, got "${text}"`,
    );
  }
  return value;
}

function parseTokenCount(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError(`expected a whole number of tokens ≥ 0, got "${text}"`);
  }
  return Number(text);
}

export interface BudgetAddOptions {
  readonly amount: bigint;
  readonly period: BudgetPeriod;
  readonly where: readonly DimensionFilter[];
  readonly thresholds?: readonly BudgetThreshold[];
  readonly enforcement: Enforcement;
  /** The global `--currency` when given: the amount's currency. */
  readonly currency?: string;
  readonly timeZone?: string;
  /** `--rollover` alone: true (no cap); with an amount: the cap. */
  readonly rollover?: true | bigint;
  readonly parent?: string;
  readonly replace?: boolean;
}

export interface BudgetCheckOptions {
  readonly name?: string;
  readonly failOn: (typeof FAIL_ON_LEVELS)[number];
  readonly forecast?: boolean;
  readonly maxBreachProbability?: number;
  readonly notifyCommand?: string;
}

export interface BudgetShowOptions {
  readonly history: number;
}

export interface CanSpendOptions {
  readonly model: string;
  readonly provider?: string;
  readonly input: number;
  readonly output: number;
  readonly cachedInput: number;
  readonly where: readonly DimensionFilter[];
}

/**
 * `--config <path>` names the file budget add writes; when it does not exist yet, it is created empty
 * first so the settings loader (which requires an explicit config to exist) reads it.
 */
function createMissingExplicitConfig(command: Command): void {
  const { config } = command.optsWithGlobals<GlobalFlags>();
  if (config === undefined) return;
  const path = resolve(config);
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '{}\n');
}

/** `llmcost budget add|list|show|rm|check|can-spend`: spending limits kept in the config file. */
export function registerBudget(program: Command, run: CommandRunner): void {
  const budget = program
    .command('budget')
    .description('spending limits in the config file: add, list, show, remove, check (CI gate), can-spend');
  budget
    .command('add')
    .description('add a budget to the config file (created as ./llmcost.config.json when there is none)')
    .argument('<name>', 'a name: letters, digits, ".", "_" and "-"')
    .requiredOption(
      '--amount <n>',
      'amount per period, in the budget currency (500, 12.50)',
      flagParser(parseBudgetAmount),
    )
    .requiredOption(
      '--period <period>',
      'hourly|daily|weekly|monthly|quarterly|yearly, rolling:<n>d, or <from>..<to> dates',
      flagParser(parseBudgetPeriod),
    )
    .option(
      '--where <dim=value>',
      'count only usage where dimension = value (* matches any text; repeatable)',
      collectFilter,
      [],
    )
    .option(
      '--thresholds <list>',
      'alert thresholds in percent, each on actual spend or :forecast (default 50,80,90,100)',
      flagParser(parseBudgetThresholdList),
    )
    .option(
      '--enforcement <mode>',
      'warn|soft|hard (hard budgets deny in can-spend)',
      parseChoice(ENFORCEMENTS),
      'warn',
    )
    .option('--time-zone <zone>', 'IANA zone the periods align in (default: --tz)')
    .option('--rollover [cap]', 'carry unused amount into the next period, at most [cap]', (text: string) =>
      flagParser(parseBudgetAmount)(text),
    )
    .option('--parent <name>', 'the budget this one sits inside (warns when it exceeds it)')
    .option('--replace', 'replace a budget of the same name')
    .action(async (name: string, options: BudgetAddOptions, command: Command) => {
      createMissingExplicitConfig(command);
      const { runBudgetAdd } = await import('./run-budget-edit.ts');
      // The global --currency, given here, is the budget's currency.
      const { currency } = command.optsWithGlobals<GlobalFlags>();
      const withCurrency =
        currency === undefined ? options : { ...options, currency: currency.toUpperCase() };
      await run(command, (ctx, settings) => runBudgetAdd(name, withCurrency, settings, ctx));
    });
  budget
    .command('rm')
    .description('remove a budget from the config file (its recorded history stays in the store)')
    .argument('<name>')
    .action(async (name: string, _options: unknown, command: Command) => {
      const { runBudgetRemove } = await import('./run-budget-edit.ts');
      await run(command, (ctx, settings) => runBudgetRemove(name, settings, ctx));
    });
  budget
    .command('list')
    .description('the budgets in the config file')
    .action(async (_options: unknown, command: Command) => {
      const { runBudgetList } = await import('./run-budget-list.ts');
      await run(command, (ctx, settings) => runBudgetList(settings, ctx));
    });
  budget
    .command('show')
    .description('spend, remaining, burn rate, projection with band, exhaustion date and history of a budget')
    .argument('[name]', 'one budget (default: all)')
    .option('--history <n>', 'past periods shown', parsePositiveInteger, 6)
    .action(async (name: string | undefined, options: BudgetShowOptions, command: Command) => {
      const { runBudgetShow } = await import('./run-budget-show.ts');
      await run(command, (ctx, settings) => runBudgetShow(name, options, settings, ctx));
    });
  budget
    .command('check')
    .description('judge every budget; exit 3 when one reaches --fail-on (for CI), 0 otherwise')
    .option('--name <name>', 'check only this budget')
    .option(
      '--fail-on <level>',
      'warn|critical|breach: the level that exits 3',
      parseChoice(FAIL_ON_LEVELS),
      'breach',
    )
    .option('--forecast', 'forecast each period: a likely breach (see --max-breach-probability) is a breach')
    .option(
      '--max-breach-probability <p>',
      'with --forecast: breach when P(period ends over) exceeds this (default 0.5; implies --forecast)',
      parseProbability,
    )
    .option('--notify-command <command>', 'run this shell command with each new alert as JSON on stdin')
    .action(async (options: BudgetCheckOptions, command: Command) => {
      const { runBudgetCheck } = await import('./run-budget-check.ts');
      await run(command, (ctx, settings) => runBudgetCheck(options, settings, ctx));
    });
  budget
    .command('can-spend')
    .description('allow or deny one request against the hard budgets: exit 0 allow, 3 deny')
    .requiredOption('--model <model>', 'the model to be called (gpt-4o, claude-sonnet-4-5)')
    .option('--provider <id>', 'its provider, when the model id alone is ambiguous')
    .option('--input <tokens>', 'input tokens', parseTokenCount, 0)
    .option('--output <tokens>', 'output tokens', parseTokenCount, 0)
    .option('--cached-input <tokens>', 'of the input, tokens read from the prompt cache', parseTokenCount, 0)
    .option(
      '--where <dim=value>',
      "the request's other dimensions (project=x), to match budget scopes",
      collectFilter,
      [],
    )
    .action(async (options: CanSpendOptions, command: Command) => {
      const { runBudgetCanSpend } = await import('./run-budget-can-spend.ts');
      await run(command, (ctx, settings) => runBudgetCanSpend(options, settings, ctx));
    });
}
