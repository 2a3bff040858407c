import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ReportJson, TotalsJson } from '../../src/output/report-json.ts';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { AS_OF, makeSeededSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

const USAGE = ['fixtures/llmcost-jsonl/usage.jsonl'];
const EVERYTHING = [
  ...USAGE,
  'fixtures/openai-responses/responses.jsonl',
  'fixtures/openai-responses/batch-output.jsonl',
  'fixtures/claude-code',
];

const SUMMED_COUNTS = [
  'records',
  'requests',
  'requestsUnknown',
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'outputTokens',
  'reasoningTokens',
  'unpricedRecords',
  'unpricedTokens',
] as const satisfies readonly (keyof TotalsJson)[];

const sumCounts = (rows: ReportJson['rows']) =>
  Object.fromEntries(SUMMED_COUNTS.map((key) => [key, rows.reduce((sum, row) => sum + row[key], 0)]));
const pickCounts = (totals: TotalsJson) => Object.fromEntries(SUMMED_COUNTS.map((key) => [key, totals[key]]));
const sumPico = (values: readonly string[]) => values.reduce((sum, value) => sum + BigInt(value), 0n);

describe('llmcost report: totals reconcile', () => {
  it.each([
    { by: 'week', groupBy: 'model' },
    { by: 'month', groupBy: 'provider,model' },
    { by: 'day', groupBy: 'tag:feature' },
    { by: 'hour', groupBy: 'model,project' },
  ])(
    'JSON totals are the exact sum of the rows, and so is the CSV cost_usd column (--by $by --group-by $groupBy)',
    ({ by, groupBy }) => {
      const sandbox = makeSeededSandbox(EVERYTHING);
      const json = reportJson(sandbox, ['--by', by, '--group-by', groupBy]);
      expect(json.rows.length).toBeGreaterThan(1);
      expect(sumPico(json.rows.map((row) => row.costPico))).toBe(BigInt(json.totals.costPico));
      expect(sumPico(json.rows.map((row) => row.reportedCostPico))).toBe(
        BigInt(json.totals.reportedCostPico),
      );
      expect(sumCounts(json.rows)).toEqual(pickCounts(json.totals));
      expect(decimalUsdToPico(json.totals.costExact)).toBe(BigInt(json.totals.costPico));

      const csv = runLlmcost(
        ['report', '--as-of', AS_OF, '--format', 'csv', '--by', by, '--group-by', groupBy],
        sandbox,
      );
      expect(csv.code).toBe(0);
      const rows = Papa.parse<Record<string, string>>(csv.stdout.trim(), { header: true }).data;
      expect(rows).toHaveLength(json.rows.length);
      expect(rows.reduce((sum, row) => sum + decimalUsdToPico(row.cost_usd!), 0n)).toBe(
        decimalUsdToPico(json.totals.costExact),
      );
      expect(rows.reduce((sum, row) => sum + Number(row.input_tokens), 0)).toBe(json.totals.inputTokens);
    },
  );

  it('--top 2 keeps the two costliest groups, sums the rest into (other), and leaves the totals unchanged', () => {
    const sandbox = makeSeededSandbox(EVERYTHING);
    const all = reportJson(sandbox, ['--by', 'none', '--group-by', 'model']);
    const top = reportJson(sandbox, ['--by', 'none', '--group-by', 'model', '--top', '2']);
    expect(top.rows.map((row) => [row.group.model, row.isOther])).toEqual([
      [all.rows[0]!.group.model, false],
      [all.rows[1]!.group.model, false],
      [null, true],
    ]);
    expect(top.totals).toEqual(all.totals);
    expect(top.rows[2]!.costPico).toBe(String(sumPico(all.rows.slice(2).map((row) => row.costPico))));
  });

  it('lists unknown models in unpriced and keeps them out of the cost', () => {
    const sandbox = makeSeededSandbox(USAGE);
    const json = reportJson(sandbox, ['--by', 'none', '--group-by', 'provider,model']);
    expect(
      json.unpriced.map(({ provider, model, records, requests, tokens, reason }) => ({
        provider,
        model,
        records,
        requests,
        tokens,
        reason,
      })),
    ).toEqual([
      {
        provider: 'google-gemini',
        model: 'gemini-2.5-pro',
        records: 1,
        requests: 1,
        tokens: 1_230,
        reason: 'no web search price for model "gemini-2.5-pro" (google/gemini-2.5-pro)',
      },
      {
        provider: 'openai',
        model: 'o3',
        records: 1,
        requests: 1,
        tokens: 6_800,
        reason: 'no "flex" service-tier price for model "o3" (openai/o3)',
      },
      {
        provider: 'openai',
        model: 'o3',
        records: 1,
        requests: 1,
        tokens: 7_024,
        reason: 'no "priority" service-tier price for model "o3" (openai/o3)',
      },
    ]);
    expect(json.totals).toMatchObject({ unpricedRecords: 3, unpricedTokens: 15_054 });
    expect(json.rows.find((row) => row.group.model === 'o3')).toMatchObject({
      unpricedRecords: 2,
      costPico: '0',
    });
    const table = runLlmcost(['report', '--as-of', AS_OF], sandbox);
    expect(table.stdout).toContain('* Left out of Cost for lack of a price: 3 records, 15,054 tokens:\n');
    expect(table.stdout).toContain(
      '  openai/o3: 1 request, 7,024 tokens: no "priority" service-tier price for model "o3" (openai/o3)\n',
    );
  });
});
