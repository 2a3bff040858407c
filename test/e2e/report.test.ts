import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/output/report-json.ts';
import { runCli } from '../helpers/run-cli.ts';
import { AS_OF, makeSeededSandbox, maskSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

const USAGE = ['fixtures/llmcost-jsonl/usage.jsonl'];
const OPENAI = ['fixtures/openai-responses/responses.jsonl', 'fixtures/openai-responses/batch-output.jsonl'];
const CLAUDE = ['fixtures/claude-code'];
const EVERYTHING = [...USAGE, ...OPENAI, ...CLAUDE];

const report = (seed: readonly string[], args: readonly string[]) =>
  runLlmcost(['report', '--as-of', AS_OF, ...args], makeSeededSandbox(seed));

/** Each golden was read line by line when written; outputs with known defects are not golden-tested (not blessed). */
const GOLDEN_CASES = [
  { name: 'table-day', seed: OPENAI, args: [] },
  { name: 'table-week', seed: OPENAI, args: ['--by', 'week'] },
  { name: 'table-month', seed: USAGE, args: ['--by', 'month', '--until', '2026-11-03'] },
  { name: 'table-day-provider', seed: USAGE, args: ['--group-by', 'provider', '--until', '2026-11-03'] },
  {
    name: 'table-top-2',
    seed: USAGE,
    args: ['--by', 'none', '--group-by', 'project', '--top', '2', '--until', '2026-11-03'],
  },
  { name: 'md-month-model', seed: CLAUDE, args: ['--format', 'md', '--by', 'month', '--group-by', 'model'] },
  { name: 'csv-day-project', seed: CLAUDE, args: ['--format', 'csv', '--group-by', 'project'] },
  {
    name: 'table-compare-previous',
    seed: USAGE,
    args: [
      '--group-by',
      'provider',
      '--since',
      '2026-11-03',
      '--compare',
      'previous',
      '--sort',
      'delta',
      '--cost',
      'list',
    ],
  },
  {
    name: 'csv-compare-period',
    seed: USAGE,
    args: [
      '--format',
      'csv',
      '--by',
      'none',
      '--group-by',
      'model',
      '--since',
      '2026-11-04',
      '--compare',
      '2026-11-03',
    ],
  },
  {
    name: 'table-economics-model',
    seed: CLAUDE,
    args: ['--by', 'none', '--group-by', 'model', '--economics'],
  },
  {
    name: 'json-day-provider',
    seed: USAGE,
    args: ['--format', 'json', '--group-by', 'provider', '--until', '2026-11-03'],
  },
] as const;

describe('llmcost report: goldens', () => {
  it.each(GOLDEN_CASES)('$name', async ({ name, seed, args }) => {
    const result = report(seed, args);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    await expect(result.stdout).toMatchFileSnapshot(`../golden/report/${name}.txt`);
  });

  it.each([
    { file: 'report.csv', golden: 'csv-day-project', seed: CLAUDE, args: ['--group-by', 'project'] },
    {
      file: 'report.json',
      golden: 'json-day-provider',
      seed: USAGE,
      args: ['--group-by', 'provider', '--until', '2026-11-03'],
    },
    { file: 'report.txt', golden: 'table-day', seed: OPENAI, args: [] },
  ])('--out $file picks the format from the extension', async ({ file, golden, seed, args }) => {
    const sandbox = makeSeededSandbox(seed);
    const out = join(sandbox.dir, file);
    const result = runLlmcost(['report', '--as-of', AS_OF, '--out', out, ...args], sandbox);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(maskSandbox(result.stderr, sandbox)).toBe(`llmcost: wrote <sandbox>/${file}\n`);
    await expect(readFileSync(out, 'utf8')).toMatchFileSnapshot(`../golden/report/${golden}.txt`);
  });
});

describe('llmcost report: terminal output', () => {
  it.each([
    { by: 'day', groupBy: 'none' },
    { by: 'none', groupBy: 'provider,model' },
    { by: 'week', groupBy: 'tag:feature,user' },
  ])(
    'the table fits 100 columns and has no ANSI escapes (--by $by --group-by $groupBy)',
    ({ by, groupBy }) => {
      const result = report(EVERYTHING, ['--by', by, '--group-by', groupBy]);
      expect(result.code).toBe(0);
      const widths = result.stdout.split('\n').map((line) => line.length);
      expect(Math.max(...widths)).toBeLessThanOrEqual(100);
      expect(result.stdout + result.stderr).not.toContain('\u001b');
    },
  );

  it('accepts global options before or after the subcommand', () => {
    const sandbox = makeSeededSandbox(USAGE);
    const before = runCli(
      ['--db', sandbox.db, '--as-of', AS_OF, '--format', 'csv', 'report', '--group-by', 'model'],
      sandbox,
    );
    const after = runCli(
      ['report', '--group-by', 'model', '--db', sandbox.db, '--format', 'csv', '--as-of', AS_OF],
      sandbox,
    );
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('period,period_start,model,records');
    expect(after.stdout).toBe(before.stdout);
  });
});

describe('llmcost report --compare', () => {
  it('JSON carries the baseline and change of every row and of the totals, which reconcile', () => {
    const result = report(USAGE, [
      '--format',
      'json',
      '--by',
      'none',
      '--group-by',
      'provider',
      '--since',
      '2026-11-04',
      '--compare',
      'previous',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ReportJson;
    expect(json.compare).toBe('previous');
    const sum = (values: (string | undefined)[]) =>
      values.reduce((total, value) => total + BigInt(value ?? '0'), 0n);
    expect(sum(json.rows.map((row) => row.comparison?.baselineCostPico))).toBe(
      BigInt(json.totals.comparison?.baselineCostPico ?? '-1'),
    );
    expect(sum(json.rows.map((row) => row.comparison?.changePico))).toBe(
      BigInt(json.totals.comparison?.changePico ?? '-1'),
    );
  });

  it('refuses what it cannot compare, with exit 2', () => {
    expect(report(USAGE, ['--by', 'none', '--compare', 'previous']).stderr).toContain(
      '--compare previous with --by none needs --since',
    );
    expect(report(USAGE, ['--compare', 'last-month']).code).toBe(2);
    expect(report(USAGE, ['--sort', 'delta']).stderr).toContain('--sort delta needs --compare');
  });
});
