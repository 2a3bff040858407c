import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { makeSandbox } from '../helpers/run-cli.ts';
import {
  AS_OF,
  fixturePath,
  makeSeededSandbox,
  maskSandbox,
  reportJson,
  runLlmcost,
} from '../helpers/run-llmcost.ts';
import { validateFocusCsv } from '../helpers/validate-focus.ts';

/** Request logs, billing exports (with stated costs and cost-only lines) and gateway logs together. */
const FIXTURE_STORE = [
  'fixtures/llmcost-jsonl/usage.jsonl',
  'fixtures/openai-responses/responses.jsonl',
  'fixtures/openai-responses/batch-output.jsonl',
  'fixtures/claude-code',
  'fixtures/openai-costs/costs-2026-11-01.json',
  'fixtures/anthropic-usage/usage-report-2026-11-01.json',
  'fixtures/openrouter/generations.jsonl',
  'fixtures/litellm/spend-logs.json',
  'fixtures/bedrock/invocations.jsonl',
  'fixtures/gemini/responses.jsonl',
  'fixtures/langfuse/observations-v1.jsonl',
];

type FocusCsvRow = Record<string, string>;

function exportFocus(sandbox: ReturnType<typeof makeSandbox>, args: readonly string[] = []) {
  const result = runLlmcost(['export', '--focus', '--as-of', AS_OF, ...args], sandbox);
  const rows = Papa.parse<FocusCsvRow>(result.stdout.trim(), { header: true }).data;
  return { ...result, rows };
}

const sumPico = (rows: readonly FocusCsvRow[], column: string): bigint =>
  rows.reduce((sum, row) => sum + decimalUsdToPico(row[column] ?? ''), 0n);

// Each case spawns the CLI two to five times (seeding, export, report): room for a loaded machine.
describe('llmcost export --focus', { timeout: 30_000 }, () => {
  it.each(['auto', 'list', 'reported'])(
    'writes a valid FOCUS 1.2 file whose BilledCost sums exactly to the report total (--cost %s)',
    (mode) => {
      const sandbox = makeSeededSandbox(FIXTURE_STORE);
      const focus = exportFocus(sandbox, ['--cost', mode]);
      expect(focus.code).toBe(0);
      expect(validateFocusCsv(focus.stdout)).toMatchObject({ ok: true, problems: [] });
      expect(focus.rows.length).toBeGreaterThan(20);
      const report = reportJson(sandbox, ['--by', 'none', '--cost', mode]);
      expect(sumPico(focus.rows, 'BilledCost')).toBe(BigInt(report.totals.costPico));
      expect(sumPico(focus.rows, 'EffectiveCost')).toBe(BigInt(report.totals.costPico));
      expect(focus.stderr).toContain(`BilledCost total ${report.totals.costExact} USD`);
    },
  );

  it.each([
    [
      'a day range in another zone',
      ['--tz', 'America/New_York', '--since', '2026-11-02', '--until', '2026-11-03'],
    ],
    ['a provider', ['--where', 'provider=anthropic']],
    ['a tag', ['--where', 'tag:channel=email']],
    ['logs preferred over billing exports', ['--prefer', 'logs']],
  ])('agrees with the report for %s', (_, args) => {
    const sandbox = makeSeededSandbox(FIXTURE_STORE);
    const focus = exportFocus(sandbox, args);
    expect(focus.code).toBe(0);
    expect(validateFocusCsv(focus.stdout).problems).toEqual([]);
    expect(focus.rows.length).toBeGreaterThan(0);
    const report = reportJson(sandbox, ['--by', 'none', ...args]);
    expect(sumPico(focus.rows, 'BilledCost')).toBe(BigInt(report.totals.costPico));
  });

  it('clips charge periods to the range and keeps them in their UTC month', () => {
    const sandbox = makeSeededSandbox(FIXTURE_STORE);
    const range = ['--since', '2026-11-02T12:00:00Z', '--until', '2026-11-04T08:30:00Z'];
    const focus = exportFocus(sandbox, range);
    expect(validateFocusCsv(focus.stdout).problems).toEqual([]);
    const periods = new Set(focus.rows.map((row) => `${row.ChargePeriodStart} ${row.ChargePeriodEnd}`));
    expect(periods).toEqual(
      new Set([
        '2026-11-02T12:00:00Z 2026-11-03T00:00:00Z',
        '2026-11-03T00:00:00Z 2026-11-04T00:00:00Z',
        '2026-11-04T00:00:00Z 2026-11-04T08:30:00Z',
      ]),
    );
    expect(new Set(focus.rows.map((row) => `${row.BillingPeriodStart} ${row.BillingPeriodEnd}`))).toEqual(
      new Set(['2026-11-01T00:00:00Z 2026-12-01T00:00:00Z']),
    );
    const report = reportJson(sandbox, ['--by', 'none', ...range]);
    expect(sumPico(focus.rows, 'BilledCost')).toBe(BigInt(report.totals.costPico));
  });

  it('has one row per UTC day, model, token class and allocation key, quantities summing to the report', () => {
    const sandbox = makeSeededSandbox(FIXTURE_STORE);
    const { rows } = exportFocus(sandbox);
    const keys = rows.map((row) =>
      [
        row.ChargePeriodStart,
        row.BillingAccountId,
        row.x_Model,
        row.x_TokenClass,
        row.ResourceId,
        row.Tags,
      ].join('|'),
    );
    expect(new Set(keys).size).toBe(keys.length);
    const report = reportJson(sandbox, ['--by', 'none']);
    const consumed = (tokenClass: string): number =>
      rows
        .filter((row) => row.x_TokenClass === tokenClass)
        .reduce((sum, row) => sum + Number(row.ConsumedQuantity), 0);
    const unpriced = report.unpriced.reduce((sum, item) => sum + item.tokens, 0);
    const exported = ['input', 'cache-read', 'cache-write-5m', 'cache-write-1h', 'output'].reduce(
      (sum, tokenClass) => sum + consumed(tokenClass),
      0,
    );
    const { totals } = report;
    expect(exported + unpriced).toBe(
      totals.inputTokens + totals.cacheReadTokens + totals.cacheWriteTokens + totals.outputTokens,
    );
    expect(rows.filter((row) => row.x_TokenClass === 'stated-cost').length).toBeGreaterThan(0);
  });

  it('lists usage without a cost on stderr instead of writing it as 0', () => {
    const sandbox = makeSeededSandbox(['fixtures/llmcost-jsonl/usage.jsonl']);
    const focus = exportFocus(sandbox);
    expect(focus.stderr).toContain(
      'llmcost: left out for lack of a price (a FOCUS cost cannot be unknown, and is never written as 0): 3 records, 15,054 tokens:\n',
    );
    expect(focus.stderr).toContain(
      '  openai/o3: 1 request, 7,024 tokens: no "priority" service-tier price for model "o3" (openai/o3)\n',
    );
    expect(focus.rows.some((row) => row.x_Model === 'o3')).toBe(false);
  });

  it('matches the golden file for a small store, and --out writes the same bytes', async () => {
    const sandbox = makeSeededSandbox(['fixtures/llmcost-jsonl/usage.jsonl']);
    const focus = exportFocus(sandbox);
    expect(focus.code).toBe(0);
    await expect(focus.stdout).toMatchFileSnapshot('../golden/export/focus-llmcost-jsonl.csv');
    const out = join(sandbox.dir, 'focus.csv');
    const written = runLlmcost(['export', '--focus', '--as-of', AS_OF, '--out', out], sandbox);
    expect(written.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(focus.stdout);
    expect(maskSandbox(written.stderr, sandbox)).toContain('llmcost: wrote <sandbox>/focus.csv\n');
    expect(written.stdout).toBe('');
  });

  it('splits negotiated rates out: ContractedCost has the override, ListCost the price book alone', () => {
    // The config gives Anthropic 15% off (priceOverrides), applied when usage is priced at ingest.
    const config = ['--config', fixturePath('config/llmcost.config.json')];
    const plain = exportFocus(makeSeededSandbox(FIXTURE_STORE), ['--cost', 'list']).rows;
    const discounted = exportFocus(makeSeededSandbox([...FIXTURE_STORE, ...config]), ['--cost', 'list']).rows;
    // Usage of 2026 only: the discount starts on 2026-01-01.
    const anthropic = (rows: readonly FocusCsvRow[]) =>
      rows.filter((row) => row.ProviderName === 'Anthropic' && row.ChargePeriodStart! >= '2026-01-01');
    expect(anthropic(discounted).length).toBeGreaterThan(0);
    const list = sumPico(anthropic(plain), 'ListCost');
    expect(sumPico(anthropic(plain), 'ContractedCost')).toBe(list);
    expect(sumPico(anthropic(discounted), 'ListCost')).toBe(list);
    const contracted = sumPico(anthropic(discounted), 'ContractedCost');
    // 15% off, each record rounded once to the pico-dollar.
    expect(Number(contracted) / Number(list)).toBeCloseTo(0.85, 9);
    expect(sumPico(anthropic(discounted), 'BilledCost')).toBe(contracted);
  });

  it('puts each allocation key in the cost center the chargeback rules give it (x_CostCenter)', () => {
    const sandbox = makeSeededSandbox(['fixtures/chargeback/usage.jsonl']);
    const config = ['--config', fixturePath('config/chargeback.config.json')];
    const october = ['--since', '2026-10-01', '--until', '2026-10-31'];
    const focus = exportFocus(sandbox, [...config, ...october]);
    expect(validateFocusCsv(focus.stdout).problems).toEqual([]);
    const byCenter = new Map<string, bigint>();
    for (const row of focus.rows) {
      byCenter.set(
        row.x_CostCenter!,
        (byCenter.get(row.x_CostCenter!) ?? 0n) + decimalUsdToPico(row.BilledCost!),
      );
    }
    expect([...byCenter.keys()].sort()).toEqual(['CC-100', 'CC-200', 'CC-300', 'Unallocated']);
    const searchRows = focus.rows.filter((row) => row.Tags!.includes('"llmcost/team":"search"'));
    expect(new Set(searchRows.map((row) => row.x_CostCenter))).toEqual(new Set(['CC-100']));
    const chargeback = runLlmcost(
      ['chargeback', '--period', '2026-10', '--format', 'json', '--as-of', AS_OF, ...config],
      sandbox,
    );
    expect(chargeback.code).toBe(0);
    const json = JSON.parse(chargeback.stdout) as {
      rows: { costCenter: string; direct: number }[];
      totals: { usage: number };
      pools: { name: string; amount: number }[];
    };
    const cents = (pico: bigint | undefined): number => Math.round(Number(pico ?? 0n) / 1e10);
    // Direct allocation before pools: CC-200 has no pooled usage; Unallocated is the "untagged" pool.
    expect(cents(byCenter.get('CC-200'))).toBe(
      Math.round(json.rows.find((row) => row.costCenter === 'CC-200')!.direct * 100),
    );
    expect(cents(byCenter.get('Unallocated'))).toBe(
      Math.round(json.pools.find((pool) => pool.name === 'untagged')!.amount * 100),
    );
    expect(cents([...byCenter.values()].reduce((sum, pico) => sum + pico, 0n))).toBe(
      Math.round(json.totals.usage * 100),
    );
  });

  it('quotes and neutralises text from the logs without changing the values a reader parses', () => {
    const sandbox = makeSandbox();
    const file = join(sandbox.dir, 'usage.jsonl');
    const record = {
      ts: '2026-11-02T09:00:00Z',
      provider: 'openai',
      model: 'gpt-4o',
      input_tokens: 1000,
      output_tokens: 10,
      project: 'shop, "beta"',
      user: '=HYPERLINK("http://x")',
      api_key: '@key-1',
      tags: { note: 'line one\nline two' },
    };
    writeFileSync(file, `${JSON.stringify(record)}\n`);
    expect(runLlmcost(['ingest', file], sandbox).code).toBe(0);
    const focus = exportFocus(sandbox);
    expect(validateFocusCsv(focus.stdout).problems).toEqual([]);
    expect(focus.rows).toHaveLength(2);
    const [input] = focus.rows;
    expect(input).toMatchObject({ ResourceId: "'@key-1", x_Model: 'gpt-4o', BilledCost: '0.0025' });
    expect(JSON.parse(input!.Tags!)).toEqual({
      note: 'line one\nline two',
      'llmcost/project': 'shop, "beta"',
      'llmcost/user': '=HYPERLINK("http://x")',
    });
  });

  it.each([
    [['export'], 2, 'llmcost: export needs a format: --focus'],
    [['export', '--focus', '--format', 'json'], 2, 'llmcost: export --focus writes CSV, not json'],
    [['export', '--focus', '--out', 'focus.xlsx'], 2, 'llmcost: export --focus writes CSV, not xlsx'],
    [['export', '--focus', '--currency', 'EUR'], 2, 'llmcost: export --focus reports in USD only'],
    [['export', '--focus', '--since', '2026-13-01'], 2, 'llmcost: --since: expected a date'],
  ])('refuses %j (exit %i)', (args, code, message) => {
    const sandbox = makeSeededSandbox(['fixtures/llmcost-jsonl/usage.jsonl']);
    const result = runLlmcost(args, sandbox);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('fails with 1 when there is no database', () => {
    const result = runLlmcost(['export', '--focus'], makeSandbox());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no database at');
  });
});
