import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../helpers/run-cli.ts';
import { reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

// gpt-4o lists at $2.50 / $10 per 1M: 1000 in + 500 out = $0.0075. claude-sonnet-4-5 at $3 / $15:
// 2000 in + 1000 out = $0.021. The first record states its own cost, $0.005.
const RECORDS = [
  {
    ts: '2026-11-02T09:00:00Z',
    provider: 'openai',
    model: 'gpt-4o',
    input_tokens: 1000,
    output_tokens: 500,
    cost: '0.005',
  },
  {
    ts: '2026-11-02T10:00:00Z',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    input_tokens: 2000,
    output_tokens: 1000,
  },
  { ts: '2026-11-02T11:00:00Z', provider: 'acme', model: 'mystery-1', input_tokens: 10, output_tokens: 5 },
];

function seeded(config?: unknown) {
  const sandbox = makeSandbox();
  const file = join(sandbox.dir, 'usage.jsonl');
  writeFileSync(file, RECORDS.map((record) => JSON.stringify(record)).join('\n') + '\n');
  const args = config === undefined ? [] : ['--config', join(sandbox.dir, 'llmcost.config.json')];
  if (config !== undefined) writeFileSync(join(sandbox.dir, 'llmcost.config.json'), JSON.stringify(config));
  const ingest = runLlmcost(['ingest', file, ...args], sandbox);
  return { sandbox, args, ingest };
}

describe('cost modes (--cost)', () => {
  const { sandbox } = seeded();

  it.each([
    ['list', '0.0285', 1, 'no price for model "mystery-1" (provider "acme")'],
    ['reported', '0.005', 2, 'the source states no cost'],
    ['auto', '0.026', 1, 'no price for model "mystery-1" (provider "acme")'],
  ])('--cost %s: cost %s, %i record(s) without a cost', (mode, cost, unpriced, reason) => {
    const report = reportJson(sandbox, ['--by', 'none', '--cost', mode]);
    expect(report.costMode).toBe(mode);
    expect(report.totals.costExact).toBe(cost);
    expect(report.totals.listCostExact).toBe('0.0285');
    expect(report.totals.reportedCostExact).toBe('0.005');
    expect(report.totals.unpricedRecords).toBe(unpriced);
    expect(report.unpriced.map((item) => item.reason)).toContain(reason);
  });

  it('defaults to auto and shows the list price beside it in tables', () => {
    const result = runLlmcost(['report', '--by', 'none', '--as-of', '2026-11-23'], sandbox);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Cost +List/);
    expect(result.stdout).toContain(
      'Cost: the cost the source states where it states one, else the list price',
    );
  });

  it('takes the mode from LLMCOST_COST and refuses an unknown one with exit 2', () => {
    const fromEnv = runLlmcost(['report', '--format', 'json', '--as-of', '2026-11-23'], sandbox, {
      env: { LLMCOST_COST: 'list' },
    });
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ costMode: 'list' });
    const bad = runLlmcost(['report', '--cost', 'cheapest'], sandbox);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'cheapest' is invalid");
  });
});

describe('negotiated rates (priceOverrides in the config file)', () => {
  it('prices ingested usage with the override: sonnet at 15% off = $0.021 × 0.85', () => {
    const { sandbox, args, ingest } = seeded({
      priceOverrides: [
        { name: 'Anthropic EDP', provider: 'anthropic', discountPercent: 15, effectiveFrom: '2026-01-01' },
      ],
    });
    expect(ingest.code).toBe(0);
    const report = reportJson(sandbox, ['--by', 'none', '--group-by', 'provider', '--cost', 'list', ...args]);
    const anthropic = report.rows.find((row) => row.group.provider === 'anthropic');
    expect(anthropic?.costExact).toBe('0.01785');
    // The stored cost remembers the layer that priced it; tables mark such rows with †.
    expect(report.totals.listCostByLayerPico.override).toBe('17850000000');
    const table = runLlmcost(
      ['report', '--by', 'none', '--group-by', 'provider', '--as-of', '2026-11-23', ...args],
      sandbox,
    );
    expect(table.stdout).toMatch(/anthropic .*\$0\.0179†/);
    expect(table.stdout).toContain('† Includes costs priced by your priceOverrides (negotiated rates).');
  });

  it('refuses an override that names no known model, with exit 2 and the entry named', () => {
    const { ingest } = seeded({ priceOverrides: [{ model: 'gpt-99-ultra', multiplier: 0.5 }] });
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toContain(
      'priceOverrides[0]: model "gpt-99-ultra" matches no model in the price book',
    );
  });

  it('names the entry and field of a malformed override', () => {
    const { ingest } = seeded({ priceOverrides: [{ provider: 'openai', multiplier: 'half' }] });
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toContain(
      'priceOverrides[0].multiplier: expected a decimal number above 0, got "half"',
    );
  });
});

describe('--currency with a rates file', () => {
  const { sandbox } = seeded();
  const config = join(sandbox.dir, 'eur.config.json');
  writeFileSync(
    join(sandbox.dir, 'rates.csv'),
    'date,currency,rate\n2026-10-30,EUR,0.8\n2026-11-02,EUR,0.9\n',
  );
  writeFileSync(config, JSON.stringify({ exchangeRatesFile: 'rates.csv', currency: 'EUR' }));

  it('converts at the rate of the usage day: list 0.0285 USD × 0.9 = 0.02565 EUR', () => {
    const report = reportJson(sandbox, ['--by', 'none', '--cost', 'list', '--config', config]);
    expect(report).toMatchObject({ currency: 'EUR', moneyUnit: 'picoEUR' });
    expect(report.totals.costExact).toBe('0.02565');
    expect(report.exchangeRates).toMatchObject({ firstRateDate: '2026-11-02', ratesUsed: 1 });
    const table = runLlmcost(
      ['report', '--by', 'none', '--as-of', '2026-11-23', '--config', config],
      sandbox,
    );
    expect(table.stdout).toContain('€0.0234*');
    expect(table.stdout).toContain('Amounts in EUR, converted from USD per day at the rates of 2026-11-02');
  });

  it('--currency USD on the command line wins over the config', () => {
    const report = reportJson(sandbox, [
      '--by',
      'none',
      '--cost',
      'list',
      '--config',
      config,
      '--currency',
      'USD',
    ]);
    expect(report.totals.costExact).toBe('0.0285');
  });

  it('needs a rates file for another currency (exit 2) and a rate for every day (exit 1)', () => {
    const noRates = runLlmcost(['report', '--currency', 'GBP'], sandbox);
    expect(noRates.code).toBe(2);
    expect(noRates.stderr).toContain('--currency GBP needs exchange rates: set "exchangeRatesFile"');
    const noGbp = runLlmcost(['report', '--config', config, '--currency', 'GBP'], sandbox);
    expect(noGbp.code).toBe(1);
    expect(noGbp.stderr).toContain('rates.csv: no GBP rates');
  });
});

describe('llmcost pricing check', () => {
  it('explains each unpriced model; exit 3 with --fail-on-unpriced, 0 without', () => {
    const { sandbox } = seeded();
    const text = runLlmcost(['pricing', 'check'], sandbox);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1 model with usage that has no price: 1 record, 15 tokens');
    expect(text.stdout).toContain('acme/mystery-1: 1 record, 1 request, 15 tokens');
    expect(text.stdout).toContain('tried: mystery-1; no entry matches');
    const gate = runLlmcost(['pricing', 'check', '--fail-on-unpriced', '--format', 'json'], sandbox);
    expect(gate.code).toBe(3);
    const json = JSON.parse(gate.stdout) as { unpriced: { model: string; matchesNow: string | null }[] };
    expect(json.unpriced).toMatchObject([{ model: 'mystery-1', matchesNow: null }]);
  });

  it('says so when everything is priced', () => {
    const sandbox = makeSandbox();
    const file = join(sandbox.dir, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify(RECORDS[1])}\n`);
    runLlmcost(['ingest', file], sandbox);
    const result = runLlmcost(['pricing', 'check', '--fail-on-unpriced'], sandbox);
    expect(result).toMatchObject({ code: 0, stdout: 'Every stored record has a price.\n' });
  });
});
