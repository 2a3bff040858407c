import { describe, expect, it } from 'vitest';
import { anthropicConsoleCsvAdapter } from '../../src/ingest/anthropic-console-csv.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { parseFixture, parseText } from '../helpers/parse-fixture.ts';
import { sumUsage, uniqueByKey } from '../helpers/sum-usage.ts';

const NOV_1 = 1_793_491_200;
const DAY = 86_400;

describe('anthropic-console-csv: the usage download', () => {
  const { records, problems } = parseFixture(
    anthropicConsoleCsvAdapter,
    'anthropic-console-csv/claude_api_tokens_2026_11.csv',
  );

  it('reads each row (BOM, CRLF, a quoted name with a comma), requests unknown', () => {
    expect(problems).toEqual([]);
    expect(records[0]).toEqual({
      ...EMPTY_USAGE,
      dedupKey:
        `anthropic-console-usage:${NOV_1}-${NOV_1 + DAY}:model_version="claude-sonnet-4-5-20250929",api_key="ci-bot",` +
        'workspace="Default",usage_type="standard",context_window="≤ 200k",inference_geo="global",speed="standard"',
      occurredAtMs: Date.parse('2026-11-01T00:00:00Z'),
      provider: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      requests: null,
      inputTokens: 15_000,
      cacheWrite5mTokens: 4_000,
      cacheReadTokens: 120_000,
      outputTokens: 9_000,
      webSearchRequests: 3,
      apiKey: 'ci-bot',
      workspace: 'Default',
      serviceTier: 'standard',
      tags: { context_window: '≤ 200k', inference_geo: 'global', speed: 'standard' },
      sourceLine: 2,
    } satisfies UsageRecord);
    expect(records[1]).toMatchObject({ workspace: 'Research, EU', apiKey: null, cacheWrite1hTokens: 2_000 });
    expect(records[3]).toMatchObject({ isBatch: true, serviceTier: null });
  });

  it('gives the repeated row the same key, so it is stored once', () => {
    expect(records[4]?.dedupKey).toBe(records[0]?.dedupKey);
    expect(sumUsage(uniqueByKey(records))).toMatchObject({
      records: 4,
      requestsUnknown: 4,
      inputTokens: 73_000,
      cacheReadTokens: 120_000,
      cacheWrite5mTokens: 4_000,
      cacheWrite1hTokens: 2_000,
      outputTokens: 31_500,
    });
  });

  it('keys an hourly row apart from the day row it falls in', () => {
    const header = 'usage_date_utc,model_version,usage_input_tokens_no_cache,usage_output_tokens';
    const { records: hourly } = parseText(
      anthropicConsoleCsvAdapter,
      `${header}\n2026-11-01,claude-haiku-4-5,10,1\n2026-11-01 00:00,claude-haiku-4-5,10,1\n`,
      'h.csv',
    );
    expect(hourly.map((record) => record.dedupKey)).toEqual([
      `anthropic-console-usage:${NOV_1}-${NOV_1 + DAY}:model_version="claude-haiku-4-5"`,
      `anthropic-console-usage:${NOV_1}-${NOV_1 + 3600}:model_version="claude-haiku-4-5"`,
    ]);
  });
});

describe('anthropic-console-csv: the cost download', () => {
  const { records, problems } = parseFixture(
    anthropicConsoleCsvAdapter,
    'anthropic-console-csv/claude_api_cost_2026_11.csv',
  );

  it('reads cost_usd as the reported cost, model by display name, no tokens', () => {
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      model: 'Claude Sonnet 4.5',
      apiKey: 'apikey_01Rj',
      workspace: 'Default',
      requests: 0,
      reportedCost: { amountPico: 50_000_000_000n, currency: 'USD' },
      tags: {
        token_type: 'input_no_cache',
        cost_type: 'token',
        usage_type: 'message',
        list_price_usd: '0.05',
        context_window: '≤ 200k',
        inference_geo: 'global',
        speed: 'standard',
        api_key_status: 'active',
        api_key_name: 'ci-bot',
      },
    });
    expect(sumUsage(records)).toMatchObject({
      records: 7,
      reportedCostPico: 270_000_000_000n,
      inputTokens: 0,
    });
  });
});

describe('anthropic-console-csv: broken.csv', () => {
  it('keeps good rows (one with a quoted newline) and reports bad ones at their lines', () => {
    const { records, problems } = parseFixture(
      anthropicConsoleCsvAdapter,
      'anthropic-console-csv/broken.csv',
    );
    expect(records.map((record) => [record.sourceLine, record.workspace])).toEqual([
      [2, 'Default'],
      [7, 'Research\nEU'],
    ]);
    expect(problems.map(({ line, field, message }) => `${line} ${field}: ${message}`)).toEqual([
      '3 usage_date_utc: expected a UTC day (2026-03-31) or hour (2026-03-31 14:00), got "11/08/2026"',
      '4 usage_input_tokens_no_cache: expected a non-negative integer, got "-7"',
      '5 model_version: expected a non-empty string, got null',
      '6 null: expected 14 fields as in the header, got 9',
      '9 null: a quoted field is not closed before the end of the file',
    ]);
  });

  it('refuses a CSV that is neither download, at its header', () => {
    const { problems } = parseText(anthropicConsoleCsvAdapter, 'usage_date_utc,foo\n2026-11-01,1\n', 'x.csv');
    expect(problems.map((problem) => problem.line)).toEqual([1]);
  });
});

describe('anthropic-console-csv: sniff', () => {
  it.each([
    ['\uFEFFusage_date_utc,model_version,api_key,workspace,usage_type,usage_input_tokens_no_cache', true],
    ['usage_date_utc,model,workspace,api_key,usage_type,context_window,token_type,cost_usd', true],
    ['usage_date_utc,model', false],
    ['start_time,end_time,start_time_iso,end_time_iso', false],
  ])('%s → %s', (line, expected) => {
    expect(anthropicConsoleCsvAdapter.sniff([line])).toBe(expected);
  });
});
