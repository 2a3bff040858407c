import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeatmapJson } from '../../src/output/heatmap-json.ts';
import type { ProvidersJson } from '../../src/output/providers-json.ts';
import { AS_OF, makeSeededSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

const USAGE = ['fixtures/llmcost-jsonl/usage.jsonl'];
const OPENAI = ['fixtures/openai-responses/responses.jsonl', 'fixtures/openai-responses/batch-output.jsonl'];
const CLAUDE = ['fixtures/claude-code'];
const EVERYTHING = [...USAGE, ...OPENAI, ...CLAUDE];

const run = (seed: readonly string[], args: readonly string[]) =>
  runLlmcost([...args, '--as-of', AS_OF], makeSeededSandbox(seed));

/** Each golden was read line by line when written (NO_COLOR, 100 columns). */
const GOLDEN_CASES = [
  { name: 'providers-table', seed: EVERYTHING, args: ['report', 'providers'] },
  {
    name: 'providers-per-provider-table',
    seed: USAGE,
    args: ['report', 'providers', '--per', 'provider', '--until', '2026-11-03'],
  },
  { name: 'providers-md', seed: CLAUDE, args: ['report', 'providers', '--format', 'md'] },
  { name: 'providers-csv', seed: OPENAI, args: ['report', 'providers', '--format', 'csv'] },
  { name: 'heatmap-berlin-table', seed: EVERYTHING, args: ['report', 'heatmap', '--tz', 'Europe/Berlin'] },
  { name: 'heatmap-csv', seed: USAGE, args: ['report', 'heatmap', '--format', 'csv'] },
  {
    name: 'chart-day-provider-table',
    seed: EVERYTHING,
    args: ['report', '--group-by', 'provider', '--since', '2026-11-01', '--chart'],
  },
  { name: 'chart-day-total-table', seed: OPENAI, args: ['report', '--chart'] },
] as const;

describe('report views: goldens', () => {
  it.each(GOLDEN_CASES)('$name', async ({ name, seed, args }) => {
    const result = run(seed, args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(`../golden/report-views/${name}.txt`);
  });

  it.each(GOLDEN_CASES.filter((item) => item.name.endsWith('table')))(
    '$name fits 100 columns and has no ANSI escapes',
    ({ seed, args }) => {
      const { stdout } = run(seed, args);
      expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
      expect(stdout).not.toContain('\u001b');
    },
  );
});

describe('report views: subcommands of report', () => {
  it('leaves `llmcost report [options]` as it was', () => {
    const sandbox = makeSeededSandbox(USAGE);
    const plain = runLlmcost(['report', '--as-of', AS_OF, '--by', 'week', '--group-by', 'provider'], sandbox);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^Period {2}/);
  });

  it.each([
    {
      args: ['report', 'providers', '--by', 'week'],
      message: '--by is an option of llmcost report, not of report providers',
    },
    {
      args: ['report', 'heatmap', '--top', '3'],
      message: '--top is an option of llmcost report, not of report heatmap',
    },
    {
      args: ['report', 'heatmap', '--chart'],
      message: '--chart is an option of llmcost report, not of report heatmap',
    },
    {
      args: ['report', 'providers', '--per', 'team'],
      message: "option '--per <level>' argument 'team' is invalid",
    },
    { args: ['report', 'heatmaps'], message: "too many arguments for 'report'" },
    {
      args: ['report', '--chart', '--format', 'csv'],
      message: '--chart draws under the terminal table only; drop it or --format csv',
    },
  ])('refuses $args with exit 2', ({ args, message }) => {
    const result = run(USAGE, args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('reads --since, --until and --where before or after the view name, and global options anywhere', () => {
    const sandbox = makeSeededSandbox(EVERYTHING);
    const after = runLlmcost(
      [
        'report',
        'providers',
        '--since',
        '2026-11-03',
        '--where',
        'provider=openai',
        '--format',
        'json',
        '--as-of',
        AS_OF,
      ],
      sandbox,
    );
    const before = runLlmcost(
      [
        '--format',
        'json',
        'report',
        '--since',
        '2026-11-03',
        '--where',
        'provider=openai',
        'providers',
        '--as-of',
        AS_OF,
      ],
      sandbox,
    );
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    const json = JSON.parse(after.stdout) as ProvidersJson;
    expect(json.range.since).toBe('2026-11-03T00:00:00.000Z');
    expect(new Set(json.providers.map((row) => row.provider))).toEqual(new Set(['openai']));
  });
});

describe('report views: figures reconcile with llmcost report', () => {
  it.each([
    { name: 'everything', seed: EVERYTHING, filter: [] },
    {
      name: 'a project (heatmap from usage rows)',
      seed: EVERYTHING,
      filter: ['--where', 'project=support-bot'],
    },
    { name: 'a time zone and range', seed: USAGE, filter: ['--tz', 'Asia/Kolkata', '--since', '2026-11-03'] },
  ])('providers and heatmap totals equal the report total ($name)', ({ seed, filter }) => {
    const sandbox = makeSeededSandbox(seed);
    const total = reportJson(sandbox, filter).totals;
    const providers = JSON.parse(
      runLlmcost(['report', 'providers', '--format', 'json', '--as-of', AS_OF, ...filter], sandbox).stdout,
    ) as ProvidersJson;
    const heatmap = JSON.parse(
      runLlmcost(['report', 'heatmap', '--format', 'json', '--as-of', AS_OF, ...filter], sandbox).stdout,
    ) as HeatmapJson;
    expect(providers.totals.costPico).toBe(total.costPico);
    expect(providers.totals.requests).toBe(total.requests);
    const modelSum = providers.models.reduce((sum, row) => sum + BigInt(row.costPico), 0n);
    expect(modelSum.toString()).toBe(total.costPico);
    expect(heatmap.totalPico).toBe(total.costPico);
    const cellSum = heatmap.costPico.flat().reduce((sum, cell) => sum + BigInt(cell), 0n);
    expect(cellSum.toString()).toBe(total.costPico);
    expect(heatmap.records).toBe(total.records);
  });

  it('converts to another currency per day as report does (--currency EUR, --cost list)', () => {
    const sandbox = makeSeededSandbox(EVERYTHING);
    const config = join(sandbox.dir, 'eur.config.json');
    writeFileSync(
      join(sandbox.dir, 'rates.csv'),
      'date,currency,rate\n2025-01-01,EUR,0.8\n2026-11-03,EUR,0.9\n',
    );
    writeFileSync(config, JSON.stringify({ exchangeRatesFile: 'rates.csv', currency: 'EUR' }));
    const options = ['--config', config, '--cost', 'list', '--as-of', AS_OF];
    const total = reportJson(sandbox, options).totals;
    const providers = JSON.parse(
      runLlmcost(['report', 'providers', '--format', 'json', ...options], sandbox).stdout,
    ) as ProvidersJson;
    const heatmap = JSON.parse(
      runLlmcost(['report', 'heatmap', '--format', 'json', ...options], sandbox).stdout,
    ) as HeatmapJson;
    expect([providers.currency, heatmap.currency]).toEqual(['EUR', 'EUR']);
    expect(providers.exchangeRates).toMatchObject({
      firstRateDate: '2025-01-01',
      lastRateDate: '2026-11-03',
    });
    expect(providers.totals.costPico).toBe(total.costPico);
    expect(heatmap.totalPico).toBe(total.costPico);
    const table = runLlmcost(['report', 'providers', ...options], sandbox);
    expect(table.stdout).toContain('Amounts in EUR, converted from USD per day at 2 rates in');
    expect(table.stdout).toMatch(/€0\.\d+/);
  });

  it('gives the 7 × 24 matrix in JSON, Monday first, with latency null in providers', () => {
    const heatmap = JSON.parse(run(USAGE, ['report', 'heatmap', '--format', 'json']).stdout) as HeatmapJson;
    expect(heatmap.weekdays).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(heatmap.costExact.map((row) => row.length)).toEqual([24, 24, 24, 24, 24, 24, 24]);
    const providers = JSON.parse(
      run(USAGE, ['report', 'providers', '--format', 'json']).stdout,
    ) as ProvidersJson;
    expect(new Set(providers.models.map((row) => row.latencyMs))).toEqual(new Set([null]));
  });
});
