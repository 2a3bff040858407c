import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WhatifJson } from '../../src/output/whatif-json.ts';
import { AS_OF, makeSeededSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

const USAGE = ['fixtures/llmcost-jsonl/usage.jsonl'];
/** 456 aggregated rows (requests > 1) over eight weeks: two models, four projects. */
const BUCKETS = ['fixtures/anomalies/usage.jsonl'];

const whatif = (seed: readonly string[], args: readonly string[]) =>
  runLlmcost(['whatif', '--as-of', AS_OF, ...args], makeSeededSandbox(seed));

const whatifJson = (seed: readonly string[], args: readonly string[]): WhatifJson => {
  const result = whatif(seed, ['--format', 'json', ...args]);
  if (result.code !== 0) throw new Error(`whatif failed (${String(result.code)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as WhatifJson;
};

/** Each golden was read line by line when written. */
const GOLDEN_CASES = [
  {
    name: 'table-swap-batch-cache',
    seed: USAGE,
    args: [
      '--swap',
      'gpt-4o*=gpt-4.1-mini',
      '--scenario',
      'batch=batch 50%',
      '--scenario',
      'cache=cache-hit-rate 60%; cache 1h',
      '--by',
      'model,project',
    ],
  },
  {
    name: 'json-route',
    seed: USAGE,
    args: [
      '--format',
      'json',
      '--route',
      'input<2000 -> gpt-4.1-nano',
      '--swap',
      'claude-sonnet-*=claude-haiku-4-5',
    ],
  },
  {
    name: 'table-buckets-chart',
    seed: BUCKETS,
    args: [
      '--swap',
      'claude-sonnet-4-5=deepseek-chat',
      '--scenario',
      'mini=swap claude-*=gpt-4.1-mini; batch 100% if project=search',
      '--chart',
    ],
  },
  { name: 'md-batch', seed: USAGE, args: ['--format', 'md', '--batch', '30%', '--by', 'provider'] },
  { name: 'csv-swap', seed: USAGE, args: ['--format', 'csv', '--swap', 'gemini-*=gpt-4.1-mini'] },
] as const;

describe('llmcost whatif: goldens', () => {
  it.each(GOLDEN_CASES)('$name', async ({ name, seed, args }) => {
    const result = whatif(seed, args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(`../golden/whatif/${name}.txt`);
  });

  it('the table fits 100 columns and has no ANSI escapes', () => {
    const result = whatif(BUCKETS, [
      '--swap',
      'claude-*=gpt-4.1-mini',
      '--batch',
      '1',
      '--by',
      'model,project,day',
      '--chart',
    ]);
    expect(result.code).toBe(0);
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(result.stdout).not.toContain('\u001b');
  });
});

describe('llmcost whatif --format json (the contract)', () => {
  it('has baseline.cost and per scenario name, cost, savings, savingsPct, excluded.requests/reasons, in dollars', () => {
    const json = whatifJson(BUCKETS, [
      '--swap',
      'claude-sonnet-4-5=deepseek-chat',
      '--scenario',
      'half=batch 50%',
    ]);
    expect(typeof json.baseline.cost).toBe('number');
    expect(json.scenarios.map((scenario) => scenario.name)).toEqual(['what-if', 'half']);
    for (const scenario of json.scenarios) {
      expect(Object.keys(scenario)).toEqual(
        expect.arrayContaining(['name', 'cost', 'savings', 'savingsPct', 'excluded']),
      );
      expect(typeof scenario.cost).toBe('number');
      expect(typeof scenario.savings).toBe('number');
      expect(typeof scenario.savingsPct).toBe('number');
      expect(typeof scenario.excluded.requests).toBe('number');
      expect(Array.isArray(scenario.excluded.reasons)).toBe(true);
      // Exact figures reconcile: savings = baseline − cost, to the pico-dollar.
      expect(BigInt(scenario.savingsPico)).toBe(BigInt(json.baseline.costPico) - BigInt(scenario.costPico));
    }
    const [swap] = json.scenarios;
    expect(swap?.excluded.requests).toBeGreaterThan(0);
    expect(swap?.excluded.reasons[0]?.reason).toMatch(/over the context window of deepseek\/deepseek-chat/);
  });

  it('prices a swap to a retired model, warning on stderr and in the scenario JSON', () => {
    const result = whatif(USAGE, [
      '--format',
      'json',
      '--swap',
      'gpt-4o*=gemini-1.5-flash',
      '--scenario',
      'mini=swap gpt-4o*=gpt-4.1-mini',
    ]);
    const warning =
      'google/gemini-1.5-flash was retired on 2025-09-29 (on or before 2026-11-23): it can no longer be used';
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`llmcost: warning: scenario "what-if": ${warning}\n`);
    const json = JSON.parse(result.stdout) as WhatifJson;
    expect(json.scenarios.map((scenario) => scenario.warnings)).toEqual([[warning], []]);
    // Still a what-if: the requests moved to the retired model are priced at its last price.
    const [retired] = json.scenarios;
    expect(retired?.changes[0]?.requests).toBeGreaterThan(0);
    expect(BigInt(retired?.costPico ?? '0')).toBeLessThan(BigInt(json.baseline.costPico));
  });

  it('warns of a target retiring within 90 days of --as-of', () => {
    const result = whatif(USAGE, [
      '--format',
      'json',
      '--swap',
      'gpt-4o*=gemini-2.0-flash',
      '--as-of',
      '2026-03-03',
    ]);
    expect(result.stderr).toBe(
      'llmcost: warning: scenario "what-if": google/gemini-2.0-flash retires on 2026-06-01, 90 days after 2026-03-03\n',
    );
  });

  it('replays exactly what report counts: same filters, the stored list cost as baseline', () => {
    const sandbox = makeSeededSandbox(BUCKETS);
    const filters = ['--since', '2026-10-05', '--until', '2026-10-18', '--where', 'project=search'];
    const report = reportJson(sandbox, ['--by', 'none', '--cost', 'list', ...filters]);
    const result = runLlmcost(
      ['whatif', '--as-of', AS_OF, '--format', 'json', '--batch', '1', ...filters],
      sandbox,
    );
    const json = JSON.parse(result.stdout) as WhatifJson;
    expect(json.baseline.costPico).toBe(report.totals.listCostPico);
    expect(json.baseline.recordedCostPico).toBe(report.totals.listCostPico);
    expect(json.baseline.requests).toBe(report.totals.requests);
    expect(json.where).toEqual([{ dimension: 'project', value: 'search' }]);
  });

  it('breakdowns add up to the totals', () => {
    const json = whatifJson(USAGE, ['--swap', 'gpt-4o*=gpt-4.1-mini', '--by', 'model,project,day']);
    for (const breakdown of json.breakdowns) {
      const baseline = breakdown.rows.reduce((sum, row) => sum + BigInt(row.baselinePico), 0n);
      const scenario = breakdown.rows.reduce(
        (sum, row) => sum + BigInt(row.scenarios[0]?.costPico ?? '0'),
        0n,
      );
      expect(baseline).toBe(BigInt(json.baseline.costPico));
      expect(scenario).toBe(BigInt(json.scenarios[0]?.costPico ?? '0'));
    }
  });

  it('counts unpriced usage and leaves it out of every total, never at $0', () => {
    const json = whatifJson(USAGE, ['--batch', '1']);
    expect(json.baseline.unpriced.records).toBe(3);
    expect(json.baseline.unpriced.reasons.map((reason) => reason.reason)).toContain(
      'no web search price for model "gemini-2.5-pro" (google/gemini-2.5-pro)',
    );
  });

  it('prices a service tier from an --overrides file, and another price book with --price-book', () => {
    const flex = whatifJson(USAGE, [
      '--tier',
      'flex if provider=openai',
      '--overrides',
      'fixtures/config/whatif-flex-overrides.json',
    ]);
    expect(flex.scenarios[0]?.savingsPct).toBeGreaterThan(0);
    const book = whatifJson(USAGE, ['--price-book', 'fixtures/pricing/small-book.json']);
    expect(book.scenarios[0]?.excluded.reasons.length).toBeGreaterThan(0);
  });

  it('scales tokens by the configured tokenizer ratio and says so', () => {
    const sandbox = makeSeededSandbox(USAGE);
    const config = join(sandbox.dir, 'llmcost.config.json');
    writeFileSync(config, JSON.stringify({ tokenizerRatios: { anthropic: 1.25 } }));
    const run = (args: readonly string[]) =>
      JSON.parse(
        runLlmcost(
          ['whatif', '--as-of', AS_OF, '--format', 'json', '--swap', 'gpt-4o*=claude-haiku-4-5', ...args],
          sandbox,
        ).stdout,
      ) as WhatifJson;
    const plain = run([]);
    const scaled = run(['--config', config]);
    expect(plain.assumptions.tokenizerRatiosAreDefaults).toBe(true);
    expect(scaled.assumptions.tokenizerRatios).toMatchObject({ anthropic: 1.25, openai: 1 });
    expect(scaled.scenarios[0]?.cost).toBeGreaterThan(plain.scenarios[0]?.cost ?? Infinity);
  });
});

describe('llmcost whatif: errors', () => {
  it.each([
    [
      ['--swap', 'gpt-4o=gpt-9'],
      2,
      'scenario "what-if": swap gpt-4o=gpt-9: "gpt-9" is not a model of the price book',
    ],
    [['--route', 'size<2000 -> gpt-4.1-mini'], 2, 'cannot read "size<2000": "size" is not input, output'],
    [[], 2, 'nothing to replay: give --swap'],
    [['--batch', '1', '--chart', '--format', 'json'], 2, '--chart draws under the terminal table only'],
    [['--tier', 'priority'], 2, 'no "priority" prices: the price book prices the standard tier only'],
    [['--batch', '1', '--by', 'week'], 2, 'unknown breakdown "week"'],
    [['--batch', '1', '--price-book', 'fixtures/pricing/broken-book.json'], 1, 'invalid price book'],
  ])('%j exits %i naming the problem', (args, code, message) => {
    const result = whatif(USAGE, args);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('exits 1 without a database', () => {
    const sandbox = makeSeededSandbox(USAGE);
    const result = runLlmcost(['whatif', '--batch', '1'], { ...sandbox, db: join(sandbox.dir, 'none.db') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no database at');
  });
});

describe('llmcost whatif: many scenarios', () => {
  it('spreads the breakdown over tables that fit 100 columns, never cutting money short', () => {
    const scenarios = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((tenth) => `b${tenth}=batch ${tenth * 10}%`);
    const result = whatif(
      BUCKETS,
      scenarios.flatMap((scenario) => ['--scenario', scenario]).concat(['--by', 'project']),
    );
    expect(result.code).toBe(0);
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(result.stdout).not.toContain('…');
    expect(result.stdout.match(/^Total {2}/gm)?.length).toBeGreaterThan(1);
  });
});
