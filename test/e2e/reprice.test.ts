import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../helpers/run-cli.ts';
import { reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

// claude-sonnet-4-5 lists at $3 / $15 per 1M: 2000 in + 1000 out = $0.021 per record.
const RECORDS = [
  {
    ts: '2026-10-30T10:00:00Z',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    input_tokens: 2000,
    output_tokens: 1000,
  },
  {
    ts: '2026-11-02T10:00:00Z',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    input_tokens: 2000,
    output_tokens: 1000,
  },
  { ts: '2026-11-02T11:00:00Z', provider: 'openai', model: 'gpt-4o', input_tokens: 1000, output_tokens: 500 },
];

function seededWithDiscountLater() {
  const sandbox = makeSandbox();
  const file = join(sandbox.dir, 'usage.jsonl');
  writeFileSync(file, RECORDS.map((record) => JSON.stringify(record)).join('\n') + '\n');
  expect(runLlmcost(['ingest', file], sandbox).code).toBe(0);
  // The negotiated rate arrives after the ingest: stored costs must not move until reprice.
  const config = join(sandbox.dir, 'llmcost.config.json');
  writeFileSync(config, JSON.stringify({ priceOverrides: [{ provider: 'anthropic', multiplier: '0.8' }] }));
  return { sandbox, config: ['--config', config] };
}

const listTotal = (sandbox: ReturnType<typeof makeSandbox>, config: string[]) =>
  reportJson(sandbox, ['--by', 'none', '--cost', 'list', ...config]).totals.costExact;

describe('llmcost reprice', () => {
  it('changes nothing until run, shows the difference with --dry-run, then stores it', () => {
    const { sandbox, config } = seededWithDiscountLater();
    expect(listTotal(sandbox, config)).toBe('0.0495');

    const dry = runLlmcost(['reprice', '--dry-run', '--format', 'json', ...config], sandbox);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout) as {
      totals: { before: { exact: string }; after: { exact: string } };
      rows: { day: string }[];
    };
    expect(plan).toMatchObject({ dryRun: true, examined: 3, totals: { records: 2 } });
    expect(plan.totals.before.exact).toBe('0.042');
    expect(plan.totals.after.exact).toBe('0.0336');
    expect(plan.rows.map((row) => row.day)).toEqual(['2026-10-30', '2026-11-02']);
    expect(listTotal(sandbox, config)).toBe('0.0495');

    const real = runLlmcost(['reprice', ...config], sandbox);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('Repricing changed 2 records of 3 in all stored usage: $0.0420 → $0.0336');
    // 0.0336 + gpt-4o's unchanged 0.0075, from the rebuilt rollups and from raw rows (--group-by project).
    expect(listTotal(sandbox, config)).toBe('0.0411');
    const byProject = reportJson(sandbox, [
      '--by',
      'none',
      '--cost',
      'list',
      '--group-by',
      'project',
      ...config,
    ]);
    expect(byProject.totals.costExact).toBe('0.0411');

    const again = runLlmcost(['reprice', ...config], sandbox);
    expect(again.stdout).toMatch(/^Nothing to reprice: 3 records of all stored usage already cost the same/);
  });

  it('--since limits the reprice to later usage (dates in --tz)', () => {
    const { sandbox, config } = seededWithDiscountLater();
    const result = runLlmcost(['reprice', '--since', '2026-11-01', '--tz', 'UTC', ...config], sandbox);
    expect(result.stdout).toContain('changed 1 record of 2 in usage since 2026-11-01T00:00:00.000Z');
    expect(listTotal(sandbox, config)).toBe('0.0453');
  });

  it('fails with exit 1 without a database', () => {
    const result = runLlmcost(['reprice'], makeSandbox());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no database at');
  });
});

describe('the example config in fixtures/config (README)', () => {
  it('reprices the quick-start data with its overrides and converts to EUR with its rates', () => {
    const sandbox = makeSandbox();
    expect(runLlmcost(['ingest', 'fixtures/llmcost-jsonl/usage.jsonl'], sandbox).code).toBe(0);
    const config = ['--config', 'fixtures/config/llmcost.config.json'];
    const dry = runLlmcost(['reprice', '--dry-run', ...config], sandbox);
    expect(dry.stdout).toContain('Repricing would change 4 records of 18 in all stored usage');
    expect(runLlmcost(['reprice', ...config], sandbox).code).toBe(0);
    const eur = reportJson(sandbox, ['--by', 'none', '--currency', 'EUR', ...config]);
    expect(eur).toMatchObject({ currency: 'EUR', exchangeRates: { source: 'fixtures/config/rates.csv' } });
    expect(eur.totals.listCostByLayerPico.override).not.toBe('0');
  });
});
