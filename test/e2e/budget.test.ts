import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BudgetCheckJson } from '../../src/output/budget-check-json.ts';
import { makeSandbox, runCli, type Sandbox } from '../helpers/run-cli.ts';
import { makeSeededSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

const WEEKLY = ['fixtures/forecast/weekly-usage.jsonl'];
/** November 1–18 of the fixture costs $21.00 (priced usage; 4 records have no price). */
const AS_OF = '2026-11-18';

/** A sandbox holding the weekly fixture and a config file with `budgets`. */
function withBudgets(budgets: Record<string, unknown>): Sandbox & { config: string } {
  const sandbox = makeSeededSandbox(WEEKLY);
  const config = join(sandbox.dir, 'llmcost.config.json');
  writeFileSync(config, JSON.stringify({ timeZone: 'UTC', budgets }));
  return { ...sandbox, config };
}

const check = (sandbox: Sandbox & { config: string }, args: readonly string[] = [], asOf = AS_OF) =>
  runLlmcost(['budget', 'check', '--config', sandbox.config, '--as-of', asOf, ...args], sandbox);

const checkJson = (sandbox: Sandbox & { config: string }, args: readonly string[] = []) => {
  const result = check(sandbox, ['--format', 'json', ...args]);
  return { code: result.code, json: JSON.parse(result.stdout) as BudgetCheckJson, stderr: result.stderr };
};

describe('llmcost budget check: exit codes (the CI contract)', () => {
  it('0 when every budget is within its thresholds', () => {
    const result = checkJson(withBudgets({ org: { amount: 100, period: 'monthly' } }));
    expect(result.code).toBe(0);
    expect(result.json.budgets).toEqual([
      expect.objectContaining({
        name: 'org',
        status: 'ok',
        amount: 100,
        projected: null,
        breachProbability: null,
      }),
    ]);
    expect(result.json.budgets[0]!.spent).toBeCloseTo(21.0009745, 9);
  });

  it('3 when spend so far passes the amount (breach), and names it on stdout', () => {
    const result = check(withBudgets({ small: { amount: '20.00', period: 'monthly' } }));
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('small: BREACH (spent 50%, spent 80%, spent 90%, spent 100%)');
  });

  it('--fail-on warn exits 3 at a warning threshold that the default (breach) lets pass', () => {
    const sandbox = withBudgets({ tight: { amount: 30, period: 'monthly' } });
    expect(check(sandbox).code).toBe(0);
    expect(check(sandbox, ['--fail-on', 'warn']).code).toBe(3);
  });

  it('--fail-on critical: 81.6% spent is a warning (80), 90.7% critical (90)', () => {
    const sandbox = withBudgets({ tight: { amount: 30, period: 'monthly' } });
    const result = check(sandbox, ['--fail-on', 'critical', '--format', 'json'], '2026-11-22');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      budgets: [{ status: 'warn', level: 'warn', thresholdsReached: ['50', '80'] }],
    });
    const nearer = withBudgets({ tight: { amount: 27, period: 'monthly' } });
    expect(check(nearer, ['--fail-on', 'critical'], '2026-11-22').code).toBe(3);
  });

  it('--forecast exits 3 when the period will likely end over the amount, with the breach probability', () => {
    const sandbox = withBudgets({ tight: { amount: 30, period: 'monthly' } });
    const result = checkJson(sandbox, ['--forecast']);
    expect(result.code).toBe(3);
    const [budget] = result.json.budgets;
    expect(budget).toMatchObject({ name: 'tight', status: 'breach', level: 'breach' });
    expect(budget!.projected).toBeGreaterThan(30);
    expect(budget!.breachProbability).toBeGreaterThan(0.5);
    // The band comes from the backtest errors, so it may sit off the method's point forecast.
    expect(budget!.projectedLower!).toBeLessThanOrEqual(budget!.projectedUpper!);
    expect(budget!.projectedUpper!).toBeGreaterThan(30);
  });

  it('--forecast passes a budget whose projection stays well inside it', () => {
    const result = checkJson(withBudgets({ org: { amount: 100, period: 'monthly' } }), ['--forecast']);
    expect(result.code).toBe(0);
    expect(result.json.budgets[0]!.breachProbability).toBe(0);
    expect(result.json.budgets[0]!.projected).toBeGreaterThan(21);
  });

  it('a forecast threshold (90:forecast) is judged on the projected total without --forecast', () => {
    const result = checkJson(
      withBudgets({ tight: { amount: 36, period: 'monthly', thresholds: [50, '90:forecast', 100] } }),
      ['--fail-on', 'critical'],
    );
    expect(result.code).toBe(3);
    expect(result.json.budgets[0]).toMatchObject({
      level: 'critical',
      thresholdsReached: ['50', '90:forecast'],
    });
  });

  it('2 when the config has no budgets, names an unknown one, or a budget field is wrong', () => {
    const sandbox = makeSeededSandbox(WEEKLY);
    const empty = runLlmcost(['budget', 'check', '--as-of', AS_OF], sandbox);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(
      'no budgets in the config file (none found): add one with llmcost budget add',
    );
    const named = check(withBudgets({ org: { amount: 100, period: 'monthly' } }), ['--name', 'orgg']);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('no budget named "orgg" (did you mean "org"?)');
    const invalid = check(withBudgets({ org: { amount: -5, perod: 'monthly' } }));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/"budgets\.org\.perod": unknown field; did you mean "period"\?/);
    expect(check(withBudgets({ org: { amount: 100, period: 'monthly' } }), ['--fail-on', 'panic']).code).toBe(
      2,
    );
  });

  it('1, never 3, when the database is missing or the history is too short to forecast', () => {
    const sandbox = makeSandbox();
    const config = join(sandbox.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ budgets: { small: { amount: 1, period: 'monthly' } } }));
    const missing = runLlmcost(['budget', 'check', '--config', config, '--as-of', AS_OF], sandbox);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no database at');
    const short = check(
      withBudgets({ small: { amount: 1, period: 'monthly' } }),
      ['--forecast'],
      '2026-09-28',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('not enough usage history to forecast "small"');
  });
});

describe('llmcost budget check: alerts and the Markdown summary', () => {
  it('fires each threshold once per period, piping the alert as JSON to --notify-command', () => {
    const sandbox = withBudgets({ tight: { amount: 30, period: 'monthly', enforcement: 'hard' } });
    const log = join(sandbox.dir, 'alerts.jsonl');
    const notify = ['--notify-command', `cat >> '${log}'`];
    const first = checkJson(sandbox, notify);
    expect(first.json.alerts.map((alert) => alert.threshold)).toEqual(['50']);
    const alert = JSON.parse(readFileSync(log, 'utf8')) as Record<string, unknown>;
    expect(alert).toMatchObject({
      budget: 'tight',
      threshold: '50',
      level: 'warn',
      period: '2026-11',
      amount: 30,
      enforcement: 'hard',
    });
    expect(checkJson(sandbox, notify).json.alerts).toEqual([]);
    const later = runLlmcost(
      ['budget', 'check', '--config', sandbox.config, '--as-of', '2026-11-22', '--format', 'json', ...notify],
      sandbox,
    );
    expect((JSON.parse(later.stdout) as BudgetCheckJson).alerts.map((fired) => fired.threshold)).toEqual([
      '80',
    ]);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('a failing --notify-command exits 1 and leaves the alert to fire again', () => {
    const sandbox = withBudgets({ tight: { amount: 30, period: 'monthly' } });
    const failing = check(sandbox, ['--notify-command', 'echo webhook down >&2; exit 7']);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('--notify-command failed for tight 50 (exit 7): webhook down');
    expect(checkJson(sandbox).json.alerts.map((alert) => alert.threshold)).toEqual(['50']);
  });

  it('--format md writes a summary for $GITHUB_STEP_SUMMARY', async () => {
    const sandbox = withBudgets({
      org: { amount: 100, period: 'monthly' },
      support: { amount: 30, period: 'monthly', where: { project: 'support-bot' }, parent: 'org' },
      review: { amount: 80, period: 'monthly', where: { project: 'code-review' }, parent: 'org' },
      tight: { amount: 30, period: 'monthly' },
    });
    const result = check(sandbox, ['--forecast', '--format', 'md']);
    expect(result.code).toBe(3);
    await expect(result.stdout).toMatchFileSnapshot('../golden/budget/check-forecast.md');
  });
});

describe('llmcost budget add|list|rm: the config file', () => {
  it('add creates ./llmcost.config.json when there is none, and check reads it', () => {
    const sandbox = makeSeededSandbox(WEEKLY);
    const add = runCli(
      [
        'budget',
        'add',
        'team-a',
        '--amount',
        '12.345678901234',
        '--period',
        'weekly',
        '--where',
        'project=support-bot',
        '--thresholds',
        '80,100:forecast',
        '--enforcement',
        'hard',
      ],
      sandbox,
      { cwd: sandbox.dir },
    );
    expect(add.code).toBe(0);
    expect(add.stderr).toContain(
      'added budget "team-a" (12.345678901234 USD weekly where project=support-bot)',
    );
    expect(JSON.parse(readFileSync(join(sandbox.dir, 'llmcost.config.json'), 'utf8'))).toEqual({
      budgets: {
        'team-a': {
          amount: 12.345678901234,
          period: 'weekly',
          where: { project: 'support-bot' },
          thresholds: [80, '100:forecast'],
          enforcement: 'hard',
        },
      },
    });
    const result = runCli(
      ['budget', 'check', '--db', sandbox.db, '--as-of', AS_OF, '--tz', 'UTC', '--format', 'json'],
      sandbox,
      { cwd: sandbox.dir },
    );
    expect((JSON.parse(result.stdout) as BudgetCheckJson).budgets[0]).toMatchObject({
      name: 'team-a',
      amountExact: '12.345678901234',
    });
  });

  it('add and rm keep the other keys of an existing config; --config names a new file', () => {
    const sandbox = makeSandbox();
    const config = join(sandbox.dir, 'nested', 'config.json');
    expect(
      runCli(
        ['budget', 'add', 'org', '--amount', '500', '--period', 'rolling:30d', '--config', config],
        sandbox,
      ).code,
    ).toBe(0);
    writeFileSync(config, JSON.stringify({ costMode: 'list', ...JSON.parse(readFileSync(config, 'utf8')) }));
    expect(
      runCli(
        [
          'budget',
          'add',
          'eu',
          '--amount',
          '40',
          '--period',
          'monthly',
          '--currency',
          'eur',
          '--parent',
          'org',
          '--rollover',
          '10',
          '--config',
          config,
        ],
        sandbox,
      ).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual({
      costMode: 'list',
      budgets: {
        org: { amount: 500, period: 'rolling:30d' },
        eu: { amount: 40, currency: 'EUR', period: 'monthly', rollover: { cap: 10 }, parent: 'org' },
      },
    });
    const duplicate = runCli(
      ['budget', 'add', 'org', '--amount', '1', '--period', 'daily', '--config', config],
      sandbox,
    );
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('pass --replace');
    expect(runCli(['budget', 'rm', 'org', '--config', config], sandbox).code).toBe(2);
    expect(runCli(['budget', 'rm', 'eu', '--config', config], sandbox).code).toBe(0);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual({
      costMode: 'list',
      budgets: { org: { amount: 500, period: 'rolling:30d' } },
    });
    const list = runCli(['budget', 'list', '--config', config, '--format', 'json'], sandbox);
    expect(JSON.parse(list.stdout)).toMatchObject({
      budgets: [{ name: 'org', amount: '500', period: 'rolling:30d', thresholds: ['50', '80', '90', '100'] }],
    });
  });

  it('add refuses a bad amount or period with exit 2, writing nothing', () => {
    const sandbox = makeSandbox();
    const config = join(sandbox.dir, 'config.json');
    const result = runCli(
      ['budget', 'add', 'x', '--amount', '-3', '--period', 'monthly', '--config', config],
      sandbox,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected an amount > 0 such as 500 or 12.50, got "-3"');
    expect(
      runCli(['budget', 'add', 'x', '--amount', '3', '--period', 'fortnightly', '--config', config], sandbox)
        .code,
    ).toBe(2);
    expect(existsSync(config)).toBe(false);
  });
});

describe('llmcost budget show', () => {
  it('spend, remaining, burn rate, projection, reset and history; rollover carries unused amount up to its cap', () => {
    const sandbox = withBudgets({ roll: { amount: 20, period: 'monthly', rollover: { cap: 15 } } });
    const result = runLlmcost(
      ['budget', 'show', 'roll', '--config', sandbox.config, '--as-of', AS_OF, '--format', 'json'],
      sandbox,
    );
    expect(result.code).toBe(0);
    const [budget] = (JSON.parse(result.stdout) as { budgets: Record<string, unknown>[] }).budgets;
    // Rollover starts with the first month with usage. September spent $3.66 of 20: 15 (the cap) carried; October spent $29.26 of 35: $5.74 carried.
    expect(budget).toMatchObject({
      name: 'roll',
      spentExact: '21.0009745',
      amountExact: '25.739174',
      remaining: 4.7381995,
      daysLeft: 12,
      resetsAt: '2026-12-01T00:00:00.000Z',
      resetsInDays: 12,
      isOnTrack: false,
      history: [
        expect.objectContaining({ period: '2026-09', amountExact: '20', spentExact: '3.6628995' }),
        expect.objectContaining({ period: '2026-10', amountExact: '35', spentExact: '29.260826' }),
      ],
    });
    expect(budget!.burnRatePerDay).toBeCloseTo(21.0009745 / 18, 9);
    expect(budget!.exhaustion).toMatch(/^2026-11-2\d/);
  });

  it('keeps a closed period as first recorded when the amount changes later', () => {
    const sandbox = withBudgets({ org: { amount: 100, period: 'monthly' } });
    const show = () =>
      runLlmcost(
        ['budget', 'show', '--config', sandbox.config, '--as-of', AS_OF, '--format', 'json'],
        sandbox,
      );
    expect(show().code).toBe(0);
    writeFileSync(
      sandbox.config,
      JSON.stringify({ timeZone: 'UTC', budgets: { org: { amount: 50, period: 'monthly' } } }),
    );
    const [budget] = (
      JSON.parse(show().stdout) as { budgets: { amount: number; history: { amountExact: string }[] }[] }
    ).budgets;
    expect(budget!.amount).toBe(50);
    expect(budget!.history.map((entry) => entry.amountExact)).toEqual(['100', '100']);
  });
});

describe('llmcost budget can-spend', () => {
  const canSpend = (sandbox: Sandbox & { config: string }, args: readonly string[]) =>
    runLlmcost(['budget', 'can-spend', '--config', sandbox.config, '--as-of', AS_OF, ...args], sandbox);
  const budgets = {
    gpt: { amount: 10.5, period: 'monthly', where: { model: 'gpt-4o-2024-08-06' }, enforcement: 'hard' },
    soft: { amount: 1, period: 'monthly', enforcement: 'soft' },
  };

  it('allows (0) while the request fits every hard budget in scope, denies (3) when it would not', () => {
    const sandbox = withBudgets(budgets);
    const request = [
      '--model',
      'gpt-4o-2024-08-06',
      '--input',
      '100000',
      '--output',
      '50000',
      '--format',
      'json',
    ];
    const allowed = canSpend(sandbox, request);
    expect(allowed.code).toBe(0);
    // $9.26 spent this month + $0.75 (100k input at $2.50/M, 50k output at $10/M) ≤ $10.50.
    expect(JSON.parse(allowed.stdout)).toMatchObject({
      decision: 'allow',
      estimatedCostExact: '0.75',
      budgets: [{ name: 'gpt', decision: 'allow', amount: 10.5 }],
    });
    const denied = canSpend(sandbox, [
      '--model',
      'gpt-4o-2024-08-06',
      '--input',
      '500000',
      '--output',
      '50000',
    ]);
    expect(denied.code).toBe(3);
    expect(denied.stdout).toMatch(/^deny: gpt-4o-2024-08-06/);
  });

  it('a scope with a * wildcard covers every matching model, in can-spend as in check; the provider comes from the price', () => {
    const sandbox = withBudgets({
      ...budgets,
      family: {
        amount: 10.5,
        period: 'monthly',
        where: { provider: 'openai', model: 'gpt-4o*' },
        enforcement: 'hard',
      },
    });
    const result = canSpend(sandbox, ['--model', 'gpt-4o-2024-08-06', '--input', '1000', '--format', 'json']);
    expect(result.code).toBe(0);
    const { budgets: verdicts } = JSON.parse(result.stdout) as { budgets: { name: string; spent: number }[] };
    expect(verdicts.map((verdict) => verdict.name)).toEqual(['gpt', 'family']);
    // The fixture's only gpt-4o* model is gpt-4o-2024-08-06: the wildcard scope counts the same spend.
    expect(verdicts[1]!.spent).toBe(verdicts[0]!.spent);
    const check = runLlmcost(
      [
        'budget',
        'check',
        '--name',
        'family',
        '--config',
        sandbox.config,
        '--as-of',
        AS_OF,
        '--format',
        'json',
      ],
      sandbox,
    );
    expect(JSON.parse(check.stdout)).toMatchObject({
      budgets: [{ name: 'family', spent: verdicts[0]!.spent }],
    });
    const mini = canSpend(sandbox, ['--model', 'gpt-4o-mini', '--input', '1000', '--format', 'json']);
    expect((JSON.parse(mini.stdout) as { budgets: { name: string }[] }).budgets.map((b) => b.name)).toEqual([
      'family',
    ]);
  });

  it('a model outside every hard scope is allowed; one without a price is an error (1)', () => {
    const sandbox = withBudgets(budgets);
    const other = canSpend(sandbox, ['--model', 'claude-sonnet-4-5', '--input', '1000']);
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('no hard budget covers this request');
    const unpriced = canSpend(sandbox, ['--model', 'acme-llm-1', '--provider', 'acme', '--input', '1000']);
    expect(unpriced.code).toBe(1);
    expect(unpriced.stderr).toContain('cannot price acme-llm-1');
  });
});
