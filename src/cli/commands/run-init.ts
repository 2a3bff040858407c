import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  parseBudgetAmount,
  parseBudgetPeriod,
  parseBudgetThresholdList,
} from '../../config/parse-budget-fields.ts';
import { BUDGET_NAME_PATTERN, budgetToJson } from '../../config/parse-budgets.ts';
import { teamRuleToJson } from '../../config/parse-team-rules.ts';
import { objectAt, updateConfigFile } from '../../config/update-config-file.ts';
import { validateConfig } from '../../config/validate-config.ts';
import { claudeCodeLogRoots } from '../../ingest/claude-code-paths.ts';
import { CALENDAR_BUDGET_UNITS, ENFORCEMENTS, type Budget, type Enforcement } from '../../model/budget.ts';
import { parseDimension, type DimensionFilter } from '../../model/dimension.ts';
import type { TeamRule } from '../../model/team-rule.ts';
import { isValidTimeZone } from '../../model/zoned-time.ts';
import type { Context } from '../context.ts';
import { ConfigError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { canPrompt, createPrompter, type Prompter } from '../prompts.ts';
import type { Settings } from '../settings.ts';

/** What to do instead of `init` where no questions can be asked. */
const WITHOUT_A_TERMINAL = `llmcost init asks questions and needs a terminal. Without one, write llmcost.config.json yourself (keys "db", "timeZone", "currency", "costMode", "budgets", "teams") or use flags: --db, --tz, --currency, and llmcost budget add <name> --amount <n> --period monthly [--where key=value] [--thresholds 50,80,90,100] [--enforcement warn|soft|hard]`;

const filled = (message: string) => (answer: string) => answer.trim() !== '' || message;
const fromParsed =
  (parse: (text: string) => { ok: true } | { ok: false; message: string }) =>
  (answer: string): true | string => {
    const parsed = parse(answer.trim());
    return parsed.ok ? true : parsed.message;
  };

/** `project=x, tag:env=prod` → filters (empty: all usage). */
function parseScope(text: string): { ok: true; value: DimensionFilter[] } | { ok: false; message: string } {
  const filters: DimensionFilter[] = [];
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')) {
    const separator = part.indexOf('=');
    const dimension = separator > 0 ? parseDimension(part.slice(0, separator).trim()) : null;
    if (dimension === null)
      return { ok: false, message: `expected <dimension>=<value> such as project=search, got "${part}"` };
    filters.push({ dimension, value: part.slice(separator + 1).trim() });
  }
  return { ok: true, value: filters };
}

/** The JSON Schema of the config file, shipped in the package (dist/config beside dist/cli). */
const CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../../config/config.schema.json', import.meta.url));

/**
 * The config's `$schema`: the shipped schema's path relative to the config file when the package sits
 * inside the config's folder (a local install: `./node_modules/llmcost/...`), else its file URL.
 */
export function schemaReference(configPath: string, schemaPath: string = CONFIG_SCHEMA_PATH): string {
  const path = relative(dirname(configPath), schemaPath);
  if (path.startsWith('..') || isAbsolute(path)) return pathToFileURL(schemaPath).href;
  return `./${path.split(sep).join('/')}`;
}

/** One team mapping rule: the team, and which usage (without a team of its own) belongs to it. */
async function askTeamRule(prompter: Prompter): Promise<TeamRule> {
  const team = (
    await prompter.input({ message: 'Team name', validate: filled('a team name is needed') })
  ).trim();
  const scope = await prompter.input({
    message: `Usage of ${team} (e.g. project=search-*, apiKey=key_1, tag:dept=search)`,
    validate: (answer) => {
      const parsed = parseScope(answer);
      if (!parsed.ok) return parsed.message;
      if (parsed.value.length === 0) return 'name at least one filter such as project=search-api';
      return (
        parsed.value.every((filter) => filter.dimension !== 'team') || 'a team rule cannot filter on team'
      );
    },
  });
  const parsed = parseScope(scope);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return { team, where: parsed.value };
}

/** Asks for one budget; every answer is checked by the same parsers as the config file and flags. */
async function askBudget(prompter: Prompter, existing: readonly string[]): Promise<Budget> {
  const name = (
    await prompter.input({
      message: 'Budget name',
      ...(existing.includes('monthly') ? {} : { default: 'monthly' }),
      validate: (answer) =>
        BUDGET_NAME_PATTERN.test(answer.trim()) || 'use letters, digits, ".", "_" and "-" (at most 64)',
    })
  ).trim();
  const amount = await prompter.input({
    message: 'Amount per period',
    validate: fromParsed(parseBudgetAmount),
  });
  const period = await prompter.select({
    message: 'Period',
    choices: [...CALENDAR_BUDGET_UNITS, 'rolling:30d'].map((value) => ({ name: value, value })),
    default: 'monthly',
  });
  const scope = await prompter.input({
    message: 'Scope (empty: all usage; e.g. project=search, provider=openai)',
    default: '',
    validate: fromParsed(parseScope),
  });
  const thresholds = await prompter.input({
    message: 'Alert thresholds in percent (":forecast" judges the projected total)',
    default: '50,80,90,100',
    validate: fromParsed(parseBudgetThresholdList),
  });
  const enforcement = await prompter.select({
    message: 'Enforcement',
    choices: ENFORCEMENTS.map((value) => ({ name: value, value })),
    default: 'warn',
  });
  const parse = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!result.ok) throw new UsageError(result.message);
    return result.value;
  };
  return {
    name,
    amountPico: parse(parseBudgetAmount(amount.trim())),
    currency: null,
    where: parse(parseScope(scope)),
    period: parse(parseBudgetPeriod(period)),
    timeZone: null,
    thresholds: parse(parseBudgetThresholdList(thresholds.trim())),
    enforcement: enforcement as Enforcement,
    rollover: null,
    parent: null,
  };
}

/**
 * `llmcost init`: asks where the store lives, the time zone and currency, offers the sources it finds
 * (Claude Code logs) and first budgets, and writes the config file: the one in use, else
 * ./llmcost.config.json. Re-running edits it: the current values are the defaults and other keys stay.
 * Without a terminal it exits 2 naming the keys and flags to use instead.
 */
export async function runInit(
  settings: Settings,
  ctx: Context,
  openPrompter: (ctx: Context) => Promise<Prompter> = createPrompter,
): Promise<ExitCode> {
  if (!canPrompt(ctx)) throw new UsageError(WITHOUT_A_TERMINAL);
  const prompter = await openPrompter(ctx);
  const path = settings.configPath ?? resolve(ctx.cwd, 'llmcost.config.json');
  ctx.stderr.write(`${existsSync(path) ? 'Editing' : 'Creating'} ${path}\n`);
  const db = await prompter.input({
    message: 'Where should the usage store live?',
    default: settings.dbPath,
    validate: filled('a path is needed'),
  });
  const timeZone = await prompter.input({
    message: 'Time zone for days, weeks and months',
    default: settings.timeZone,
    validate: (answer) =>
      isValidTimeZone(answer.trim()) || 'expected an IANA time zone such as Europe/Berlin',
  });
  const currency = (
    await prompter.input({
      message: 'Currency for reports and budgets',
      default: settings.currency,
      validate: (answer) => /^[A-Za-z]{3}$/.test(answer.trim()) || 'expected an ISO 4217 code such as EUR',
    })
  )
    .trim()
    .toUpperCase();
  const sources = claudeCodeLogRoots(ctx.env, ctx.homeDir).filter((dir) => existsSync(dir));
  const ingest: string[] = [];
  for (const source of sources) {
    if (
      await prompter.confirm({
        message: `Found Claude Code logs in ${source}. Ingest them after set-up?`,
        default: true,
      })
    ) {
      ingest.push(`llmcost ingest --from claude-code ${source}`);
    }
  }
  const budgets: Budget[] = [];
  let wantsBudget = await prompter.confirm({
    message: 'Add a budget?',
    default: settings.budgets.length === 0,
  });
  while (wantsBudget) {
    budgets.push(
      await askBudget(prompter, [
        ...settings.budgets.map((budget) => budget.name),
        ...budgets.map((budget) => budget.name),
      ]),
    );
    wantsBudget = await prompter.confirm({ message: 'Add another budget?', default: false });
  }
  const teamRules: TeamRule[] = [];
  let wantsTeam = await prompter.confirm({
    message: 'Map projects, API keys or tags to teams (for usage whose source names no team)?',
    default: false,
  });
  while (wantsTeam) {
    teamRules.push(await askTeamRule(prompter));
    wantsTeam = await prompter.confirm({ message: 'Map another team?', default: false });
  }
  updateConfigFile(path, (config) => {
    const next: Record<string, unknown> = {
      $schema: schemaReference(path),
      ...config,
      db: db.trim(),
      timeZone: timeZone.trim(),
      currency,
      ...(budgets.length === 0 && config.budgets === undefined
        ? {}
        : {
            budgets: {
              ...objectAt(config, 'budgets'),
              ...Object.fromEntries(budgets.map((budget) => [budget.name, budgetToJson(budget)])),
            },
          }),
      ...(teamRules.length === 0
        ? {}
        : {
            teams: [
              ...(Array.isArray(config.teams) ? (config.teams as unknown[]) : []),
              ...teamRules.map(teamRuleToJson),
            ],
          }),
    };
    next.$schema = schemaReference(path);
    const validation = validateConfig(next);
    if (!validation.ok)
      throw new ConfigError(validation.problems.map((problem) => `${path}: ${problem}`).join('\n'));
    return next;
  });
  const next = [
    ...ingest,
    ...(teamRules.length > 0 ? ['llmcost report --group-by team'] : []),
    ...(budgets.length > 0
      ? ['llmcost budget check --forecast']
      : ['llmcost budget add <name> --amount <n> --period monthly']),
  ];
  ctx.stderr.write(`Wrote ${path}\nNext:\n${next.map((command) => `  ${command}`).join('\n')}\n`);
  return EXIT.OK;
}
