import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../helpers/run-cli.ts';
import { reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

/**
 * Gateway and log exports end to end: each fixture read with --from auto, its normalized totals and
 * stated cost as `report --format json` shows them, re-ingests and overlapping twins adding nothing.
 * The figures are worked out by hand from the fixtures (see the comments in each adapter).
 */
const CASES = [
  {
    format: 'bedrock',
    files: ['fixtures/bedrock/invocations.jsonl'],
    summary: '7 rows: 6 new, 1 duplicate, 0 rejected',
    // A failed request counts; the application-profile ARN names no model: unpriced, never $0.
    totals: { records: 6, requests: 6, errorRequests: 1, inputTokens: 4700, cacheReadTokens: 8000 },
    more: { cacheWriteUnknownTtlTokens: 500, outputTokens: 1030, reasoningTokens: 0 },
    reportedCostPico: '0',
    listCostPico: '29269500000',
    unpricedInList: 1,
  },
  {
    format: 'gemini',
    files: ['fixtures/gemini/responses.jsonl', 'fixtures/gemini/batch-output.jsonl'],
    summary: '4 rows: 3 new, 1 duplicate, 0 rejected',
    totals: { records: 5, requests: 5, errorRequests: 0, inputTokens: 11050, cacheReadTokens: 1400 },
    more: { cacheWriteUnknownTtlTokens: 0, outputTokens: 3260, reasoningTokens: 1750 },
    reportedCostPico: '0',
    listCostPico: '30563000000',
    unpricedInList: 0,
  },
  {
    format: 'openrouter',
    files: ['fixtures/openrouter/activity.csv'],
    summary: '5 rows: 4 new, 1 duplicate, 0 rejected',
    totals: { records: 4, requests: 4, errorRequests: 0, inputTokens: 3896, cacheReadTokens: 1824 },
    more: { cacheWriteUnknownTtlTokens: 0, outputTokens: 860, reasoningTokens: 120 },
    reportedCostPico: '7750000000',
    listCostPico: '7358200000',
    unpricedInList: 0,
  },
  {
    format: 'openrouter',
    files: ['fixtures/openrouter/by-model.csv'],
    summary: '3 rows: 3 new, 0 duplicate, 0 rejected',
    totals: { records: 3, requests: 94, errorRequests: 0, inputTokens: 530000, cacheReadTokens: 0 },
    more: { cacheWriteUnknownTtlTokens: 0, outputTokens: 67000, reasoningTokens: 4000 },
    reportedCostPico: '2521500000000',
    listCostPico: '2229000000000',
    unpricedInList: 0,
  },
  {
    format: 'litellm',
    files: ['fixtures/litellm/spend-logs.json'],
    summary: '5 rows: 5 new, 0 duplicate, 0 rejected',
    totals: { records: 5, requests: 5, errorRequests: 1, inputTokens: 6252, cacheReadTokens: 10048 },
    more: { cacheWrite5mTokens: 1500, cacheWrite1hTokens: 500, outputTokens: 1250, reasoningTokens: 0 },
    reportedCostPico: '14770000000',
    listCostPico: '19191400000',
    unpricedInList: 0,
  },
  {
    format: 'langfuse',
    files: ['fixtures/langfuse/observations-v2.json'],
    summary: '4 rows: 4 new, 0 duplicate, 0 rejected',
    totals: { records: 4, requests: 4, errorRequests: 1, inputTokens: 1424, cacheReadTokens: 13696 },
    more: { cacheWriteUnknownTtlTokens: 1500, outputTokens: 2430, reasoningTokens: 1536 },
    reportedCostPico: '37391000000',
    listCostPico: '37391000000',
    unpricedInList: 0,
  },
] as const;

describe('llmcost ingest: gateway and log exports', () => {
  it.each(CASES)(
    '$files.0 is read as $format, with its tokens, requests and stated cost',
    ({ format, files, summary, totals, more, reportedCostPico, listCostPico, unpricedInList }) => {
      const sandbox = makeSandbox();
      const result = runLlmcost(['ingest', ...files], sandbox);
      expect([result.code, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toContain(`${files[0]} [${format}]: ${summary}\n`);
      expect(reportJson(sandbox, ['--cost', 'reported']).totals).toMatchObject({
        ...totals,
        ...more,
        reportedCostPico,
      });
      expect(reportJson(sandbox, ['--cost', 'list']).totals).toMatchObject({
        costPico: listCostPico,
        unpricedRecords: unpricedInList,
      });
    },
  );

  it.each(CASES)('re-ingesting $files.0 adds nothing', ({ files, totals }) => {
    const sandbox = makeSandbox();
    runLlmcost(['ingest', ...files], sandbox);
    const again = runLlmcost(['ingest', '--force', ...files], sandbox);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/ 0 new, \d+ duplicate, 0 updated, 0 rejected\.\n$/);
    expect(reportJson(sandbox).totals.records).toBe(totals.records);
  });

  it.each([
    ['fixtures/bedrock/invocations.jsonl', 'fixtures/bedrock/pretty.json', '1 row: 0 new, 1 duplicate', 6],
    [
      'fixtures/openrouter/activity.csv',
      'fixtures/openrouter/generations.jsonl',
      '3 rows: 2 new, 1 duplicate',
      6,
    ],
    ['fixtures/litellm/spend-logs.json', 'fixtures/litellm/spend-logs.csv', '3 rows: 1 new, 2 duplicate', 6],
    ['fixtures/litellm/spend-logs.json', 'fixtures/litellm/payloads.jsonl', '2 rows: 1 new, 1 duplicate', 6],
    [
      'fixtures/langfuse/observations-v2.json',
      'fixtures/langfuse/observations-v1.jsonl',
      '3 rows: 1 new, 2 duplicate',
      5,
    ],
  ])('%s then its overlapping twin %s adds only the twin’s new rows', (first, twin, summary, records) => {
    const sandbox = makeSandbox();
    expect(runLlmcost(['ingest', first], sandbox).code).toBe(0);
    const result = runLlmcost(['ingest', twin], sandbox);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${twin} [`);
    expect(result.stdout).toContain(`]: ${summary}, 0 rejected\n`);
    expect(reportJson(sandbox).totals.records).toBe(records);
  });
});

describe('llmcost ingest: broken gateway and log rows', () => {
  it.each([
    [
      'fixtures/bedrock/broken.jsonl',
      [
        'llmcost: fixtures/bedrock/broken.jsonl:2: field "output.outputTokenCount": expected a non-negative integer, got -3',
        'llmcost: fixtures/bedrock/broken.jsonl:3: field "requestId": expected a non-empty string, got nothing',
        'llmcost: fixtures/bedrock/broken.jsonl:4: expected a JSON object, got invalid JSON "{\\"schemaType\\":\\"ModelInvocationLog...',
      ],
    ],
    [
      'fixtures/gemini/broken.jsonl',
      [
        'llmcost: fixtures/gemini/broken.jsonl:2: field "ts": expected a timestamp, got nothing: Gemini API responses carry none; log each as {"ts":"<ISO 8601>","response":{…}} (Vertex AI responses have createTime)',
        'llmcost: fixtures/gemini/broken.jsonl:3: field "response.usageMetadata.cachedContentTokenCount": expected at most promptTokenCount (500), got 800',
        'llmcost: fixtures/gemini/broken.jsonl:4: field "response.usageMetadata": expected an object of token counts, got nothing',
      ],
    ],
    [
      'fixtures/openrouter/broken.csv',
      [
        'llmcost: fixtures/openrouter/broken.csv:3: field "tokens_prompt": expected a non-negative integer, got "abc"',
        'llmcost: fixtures/openrouter/broken.csv:4: field "created_at": expected an ISO 8601 timestamp or Unix seconds, got "yesterday"',
        'llmcost: fixtures/openrouter/broken.csv:5: expected 24 fields as in the header, got 5',
        'llmcost: fixtures/openrouter/broken.csv:6: a quoted field is not closed before the end of the file',
      ],
    ],
    [
      'fixtures/litellm/broken.json',
      [
        'llmcost: fixtures/litellm/broken.json:1: field "prompt_tokens": expected a non-negative integer, got "abc"',
        'llmcost: fixtures/litellm/broken.json:1: field "startTime": expected an ISO 8601 timestamp or Unix seconds, got "last tuesday"',
      ],
    ],
    [
      'fixtures/langfuse/broken.jsonl',
      [
        'llmcost: fixtures/langfuse/broken.jsonl:2: field "usageDetails.output": expected a non-negative integer, got -5',
        'llmcost: fixtures/langfuse/broken.jsonl:3: field "startTime": expected an ISO 8601 timestamp or Unix seconds, got "not a date"',
        'llmcost: fixtures/langfuse/broken.jsonl:4: expected a JSON object, got invalid JSON "{\\"id\\":\\"obs-gen-09\\",\\"traceId\\":\\...',
      ],
    ],
  ])('%s: keeps the good row, names each bad one by line and field, exits 1', (file, problems) => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', file], sandbox);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${problems.join('\n')}\n`);
    expect(reportJson(sandbox).totals.records).toBe(1);
  });
});

const CSV_MAP =
  'timestamp=Day,team=Team,provider=Vendor,model=Model name,inputTokens=Prompt tokens,' +
  'cacheReadTokens=Cached,outputTokens=Completion tokens,cost=Cost (USD)';
const CSV_TOTALS = {
  records: 3,
  inputTokens: 3700,
  cacheReadTokens: 9024,
  outputTokens: 700,
  reportedCostPico: '14130000000',
} as const;

describe('llmcost ingest --from csv', () => {
  it('without a mapping and without a terminal, exits 2 naming --map', () => {
    const result = runLlmcost(['ingest', 'fixtures/csv/usage.csv', '--from', 'csv'], makeSandbox());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'llmcost: --from csv needs a column mapping: pass --map timestamp=<column>,model=<column>,' +
        'provider=<column or name>,inputTokens=<column>,outputTokens=<column>,… ' +
        'or --map-profile <name> (csvMappings in the config file)\n',
    );
  });

  it('is never picked by --from auto, and says how to map it', () => {
    const result = runLlmcost(['ingest', 'fixtures/csv/usage.csv'], makeSandbox());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '; for any other CSV: --from csv --map timestamp=<column>,model=<column>,…\n',
    );
  });

  it('reads the columns --map names; an identical row counts once', () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(
      ['ingest', 'fixtures/csv/usage.csv', '--from', 'csv', '--map', CSV_MAP],
      sandbox,
    );
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('fixtures/csv/usage.csv [csv]: 4 rows: 3 new, 1 duplicate, 0 rejected\n');
    expect(reportJson(sandbox, ['--cost', 'reported']).totals).toMatchObject(CSV_TOTALS);
  });

  it('reads the columns of a --map-profile from the config file', () => {
    const sandbox = makeSandbox();
    const configDir = join(sandbox.dir, 'config', 'llmcost');
    mkdirSync(configDir, { recursive: true });
    const mapping = Object.fromEntries(
      CSV_MAP.split(',').map((pair): [string, string] => [
        pair.slice(0, pair.indexOf('=')),
        pair.slice(pair.indexOf('=') + 1),
      ]),
    );
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ csvMappings: { spend: mapping } }));
    const result = runLlmcost(
      ['ingest', 'fixtures/csv/usage.csv', '--from', 'csv', '--map-profile', 'spend'],
      sandbox,
    );
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(reportJson(sandbox, ['--cost', 'reported']).totals).toMatchObject(CSV_TOTALS);
  });

  it('exits 2 on a profile field with a typo, naming it', () => {
    const sandbox = makeSandbox();
    const configDir = join(sandbox.dir, 'config', 'llmcost');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(
      join(configDir, 'config.json'),
      JSON.stringify({ csvMappings: { spend: { timestmp: 'Day' } } }),
    );
    const result = runLlmcost(
      ['ingest', 'fixtures/csv/usage.csv', '--from', 'csv', '--map-profile', 'spend'],
      sandbox,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"csvMappings.spend.timestmp": unknown field; did you mean "timestamp"?');
  });

  it('reports bad cells by line and column, exits 1', () => {
    const result = runLlmcost(
      ['ingest', 'fixtures/csv/broken.csv', '--from', 'csv', '--map', CSV_MAP],
      makeSandbox(),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'llmcost: fixtures/csv/broken.csv:3: field "Prompt tokens": expected a non-negative integer, got "lots"',
        'llmcost: fixtures/csv/broken.csv:4: field "Day": expected an ISO 8601 timestamp or Unix seconds, got "13/11/2026"',
        'llmcost: fixtures/csv/broken.csv:5: field "Cost (USD)": expected a decimal amount such as 0.0125, got "free"',
        '',
      ].join('\n'),
    );
  });
});
