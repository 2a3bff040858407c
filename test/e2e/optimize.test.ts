import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OptimizeJson } from '../../src/output/optimize-json.ts';
import { fixturePath, makeSeededSandbox, maskSandbox, runLlmcost } from '../helpers/run-llmcost.ts';
import { makeSandbox, type Sandbox } from '../helpers/run-cli.ts';
import { writeBookWithDates } from '../helpers/write-book-with-dates.ts';

/** fixtures/recommend/usage.jsonl: two weeks from 2026-11-01, one workload per recommendation kind. */
const seeded = (): Sandbox => makeSeededSandbox([fixturePath('recommend/usage.jsonl')]);
const AS_OF = ['--as-of', '2026-11-15'];

function optimizeJson(sandbox: Sandbox, args: readonly string[] = []): OptimizeJson {
  const result = runLlmcost(['optimize', ...AS_OF, '--format', 'json', ...args], sandbox);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as OptimizeJson;
}

describe('llmcost optimize', () => {
  it.each([
    ['table', []],
    ['cost-strategy', ['--strategy', 'cost', '--top', '3']],
    ['markdown', ['--format', 'md', '--top', '2']],
    ['csv', ['--format', 'csv', '--top', '1', '--candidates', 'openai/gpt-4.1*']],
  ])('prints the trade-off per workload: %s', async (name, args) => {
    const result = runLlmcost(['optimize', ...AS_OF, ...args], seeded());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    await expect(result.stdout).toMatchFileSnapshot(`../golden/optimize/${name}.txt`);
  });

  it('fits 100 columns', () => {
    const result = runLlmcost(['optimize', ...AS_OF], seeded());
    expect(result.stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);
  });

  it(
    'replays every workload on every candidate: costs equal the replay, the pick follows the strategy',
    { timeout: 30_000 },
    () => {
      const sandbox = seeded();
      const json = optimizeJson(sandbox, ['--strategy', 'cost', '--candidates', 'openai/gpt-4.1*']);
      const support = json.workloads.find((workload) => workload.group === 'support-bot');
      // 140 requests of 700–790 input and 150 output tokens: 104,300 input and 21,000 output tokens.
      // gpt-4o ($2.50 / $10 per 1M): $0.26075 + $0.21; gpt-4.1-nano ($0.10 / $0.40): $0.01043 + $0.0084.
      expect(support?.baselineCost.exact).toBe('0.47075');
      expect(support?.pick).toBe('openai/gpt-4.1-nano');
      expect(support?.candidates.find((candidate) => candidate.isPick)?.cost?.exact).toBe('0.01883');
      expect(support?.savings.exact).toBe('0.45192');
      const whatif = runLlmcost(
        [
          'whatif',
          ...AS_OF,
          '--where',
          'project=support-bot',
          '--swap',
          'gpt-4o*=gpt-4.1-nano',
          '--format',
          'json',
        ],
        sandbox,
      );
      expect(whatif.code, whatif.stderr).toBe(0);
      expect((JSON.parse(whatif.stdout) as { scenarios: { cost: number }[] }).scenarios[0]?.cost).toBe(
        0.01883,
      );
    },
  );

  it('never proposes a model retired by --as-of; flags one retiring within 90 days', () => {
    const sandbox = seeded();
    const book = writeBookWithDates(sandbox, {
      'openai/gpt-4.1-nano': '2026-11-10',
      'openai/gpt-4.1-mini': '2026-12-01',
    });
    // With the shipped book gpt-4.1-nano is support-bot's pick (above); retired on 2026-11-10, it is out.
    const args = ['--strategy', 'cost', '--candidates', 'openai/gpt-4.1*', '--pricing', book];
    const json = optimizeJson(sandbox, args);
    expect(json.candidates).toEqual(['openai/gpt-4.1', 'openai/gpt-4.1-mini']);
    expect(json.retiredCandidates).toEqual({
      day: '2026-11-15',
      soonDays: 90,
      excludedCount: 1,
      excluded: [{ model: 'openai/gpt-4.1-nano', date: '2026-11-10' }],
    });
    const models = json.workloads.flatMap((workload) => workload.candidates.map(({ model }) => model));
    expect(models).not.toContain('openai/gpt-4.1-nano');
    const support = json.workloads.find((workload) => workload.group === 'support-bot');
    expect(support?.pick).toBe('openai/gpt-4.1-mini');
    expect(support?.candidates.find((candidate) => candidate.isPick)?.retirement).toEqual({
      status: 'retiring',
      date: '2026-12-01',
      daysLeft: 16,
    });
    expect(support?.candidates.find((candidate) => candidate.isCurrent)?.retirement).toBeNull();
    const table = runLlmcost(['optimize', ...AS_OF, ...args], sandbox);
    expect(table.stdout).toContain(
      'openai/gpt-4.1-mini  $0.0753  -84.0%  +51 pts  769 ms       -   1.00  pick, retires 2026-12-01',
    );
    expect(table.stdout).toContain(
      "Retired: 1 candidate model left out, retired on or before 2026-11-15 (the provider's date in the\n  price book): openai/gpt-4.1-nano (2026-11-10).",
    );
  });

  it('never picks a model rated below the quality floor, and keeps a model no source rates', () => {
    const json = optimizeJson(seeded(), ['--strategy', 'cost', '--max-quality-drop', '0']);
    for (const workload of json.workloads) {
      const pick = workload.candidates.find((candidate) => candidate.isPick);
      expect(pick?.isCurrent || (pick?.quality?.deltaPoints ?? -1) >= 0).toBe(true);
    }
    const claude = json.workloads.filter((workload) => workload.model.startsWith('claude-sonnet-4-5'));
    expect(claude.length).toBeGreaterThan(0);
    expect(claude.every((workload) => workload.pick === workload.currentModel)).toBe(true);
  });

  it('adaptive: budget pressure from the config moves the weights towards cost', { timeout: 30_000 }, () => {
    const sandbox = seeded();
    const config = join(sandbox.dir, 'llmcost.config.json');
    // $5 a month, and $6.66 spent by 2026-11-15: projected over the amount, full pressure.
    writeFileSync(config, JSON.stringify({ budgets: { all: { amount: '5', period: 'monthly' } } }));
    const json = optimizeJson(sandbox, ['--strategy', 'adaptive', '--config', config]);
    expect(json.budgetPressure?.pressure).toBe(1);
    expect(json.weights).toEqual({ cost: 1, performance: 0, quality: 0 });
    const calm = optimizeJson(sandbox, ['--strategy', 'adaptive']);
    expect(calm.budgetPressure).toEqual({ pressure: 0, budgets: [] });
    expect(calm.weights).toEqual({ cost: 0.4, performance: 0.3, quality: 0.3 });
  });

  it('takes the balanced weights from the config key optimizer', () => {
    const sandbox = seeded();
    const config = join(sandbox.dir, 'llmcost.config.json');
    writeFileSync(
      config,
      JSON.stringify({ optimizer: { balancedWeights: { cost: 1, performance: 1, quality: 2 } } }),
    );
    expect(optimizeJson(sandbox, ['--config', config]).weights).toEqual({
      cost: 0.25,
      performance: 0.25,
      quality: 0.5,
    });
  });

  it.each([
    [['optimize', '--format', 'xlsx'], 2, 'llmcost: optimize prints table, json, csv or md, not xlsx\n'],
    [['optimize', '--currency', 'EUR'], 2, expect.stringContaining('optimize reports in USD only')],
    [
      ['optimize', '--strategy', 'fast'],
      2,
      expect.stringContaining('expected one of cost, balanced, performance, adaptive'),
    ],
    [
      ['optimize', '--group-by', 'team'],
      2,
      expect.stringContaining('expected project or tag:<key>, got "team"'),
    ],
  ])('%j exits %d', (args, code, stderr) => {
    const result = runLlmcost([...args, ...AS_OF], seeded());
    expect(result.code).toBe(code);
    expect(result.stderr).toEqual(stderr);
  });

  it('exits 1 without a database', () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['optimize', ...AS_OF], sandbox);
    expect(result.code).toBe(1);
    expect(maskSandbox(result.stderr, sandbox)).toBe(
      'llmcost: no database at <sandbox>/llmcost.db: ingest some usage first (llmcost ingest <files>)\n',
    );
  });
});
