import { describe, expect, it } from 'vitest';
import { anthropicUsageAdapter } from '../../src/ingest/anthropic-usage.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { parseFixture } from '../helpers/parse-fixture.ts';
import { sumUsage } from '../helpers/sum-usage.ts';

const NOV_1 = 1_793_491_200;
const DAY = 86_400;

describe('anthropic-usage: a pretty-printed usage report page', () => {
  const { records, problems } = parseFixture(
    anthropicUsageAdapter,
    'anthropic-usage/usage-report-2026-11-01.json',
  );

  it('maps each token class, request count unknown (null, never 0)', () => {
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        ...EMPTY_USAGE,
        dedupKey:
          `anthropic-usage:${NOV_1}-${NOV_1 + DAY}:api_key_id="apikey_01Rj",model="claude-sonnet-4-5-20250929",` +
          'service_tier="standard",context_window="0-200k"',
        occurredAtMs: Date.parse('2026-11-01T00:00:00Z'),
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        requests: null,
        inputTokens: 15_000,
        cacheWrite5mTokens: 4_000,
        cacheReadTokens: 120_000,
        outputTokens: 9_000,
        webSearchRequests: 3,
        apiKey: 'apikey_01Rj',
        serviceTier: 'standard',
        tags: { context_window: '0-200k' },
        sourceLine: 7,
      },
      {
        ...EMPTY_USAGE,
        dedupKey:
          `anthropic-usage:${NOV_1}-${NOV_1 + DAY}:workspace_id="wrkspc_01Ci",model="claude-haiku-4-5-20251001",` +
          'service_tier="standard",context_window="0-200k"',
        occurredAtMs: Date.parse('2026-11-01T00:00:00Z'),
        provider: 'anthropic',
        model: 'claude-haiku-4-5-20251001',
        requests: null,
        inputTokens: 8_000,
        cacheWrite1hTokens: 2_000,
        outputTokens: 2_500,
        workspace: 'wrkspc_01Ci',
        serviceTier: 'standard',
        tags: { context_window: '0-200k' },
        sourceLine: 24,
      },
    ] satisfies UsageRecord[]);
  });
});

describe('anthropic-usage: pages one per line', () => {
  const pretty = parseFixture(anthropicUsageAdapter, 'anthropic-usage/usage-report-2026-11-01.json').records;
  const { records, problems } = parseFixture(
    anthropicUsageAdapter,
    'anthropic-usage/usage-report-pages.jsonl',
  );

  it('gives page 1 the keys of its pretty-printed copy, and adds page 2', () => {
    expect(problems).toEqual([]);
    expect(records.slice(0, 2).map((record) => record.dedupKey)).toEqual(
      pretty.map((record) => record.dedupKey),
    );
    expect(sumUsage(records)).toMatchObject({
      records: 4,
      requests: 0,
      requestsUnknown: 4,
      inputTokens: 283_000,
      cacheReadTokens: 120_000,
      cacheWrite5mTokens: 4_000,
      cacheWrite1hTokens: 2_000,
      cacheWriteTokens: 0,
      outputTokens: 34_500,
      webSearchRequests: 3,
    });
  });

  it('prices the batch tier through isBatch and keeps the context window as a tag', () => {
    expect(records[2]).toMatchObject({ isBatch: true, serviceTier: null, inputTokens: 50_000 });
    expect(records[2]?.dedupKey).toContain('service_tier="batch"');
    expect(records[3]?.tags).toEqual({ context_window: '200k-1M' });
  });
});

describe('anthropic-usage: broken.json', () => {
  it('keeps the good row and reports each bad one at its line', () => {
    const { records, problems } = parseFixture(anthropicUsageAdapter, 'anthropic-usage/broken.json');
    expect(records.map((record) => record.sourceLine)).toEqual([7]);
    expect(problems.map(({ line, field, message }) => `${line} ${field}: ${message}`)).toEqual([
      '24 data[0].results[1].uncached_input_tokens: expected a non-negative integer, got -5',
      '41 data[0].results[2].cache_creation: expected an object, got 12',
      '55 data[0].results[3].uncached_input_tokens: expected a non-negative integer, got nothing',
      '61 data[1].ending_at: expected a time after starting_at, got "2026-11-09T00:00:00Z"',
    ]);
  });
});

describe('anthropic-usage: sniff', () => {
  it.each([
    ['{"data":[{"starting_at":"2026-11-01T00:00:00Z","results":[{"uncached_input_tokens":1}]}]}', true],
    [
      '{"data":[{"starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-02T00:00:00Z","results":[]}]}',
      true,
    ],
    [
      '{"data":[{"starting_at":"2026-11-01T00:00:00Z","results":[{"amount":"1","token_type":"uncached_input_tokens"}]}]}',
      false,
    ],
    ['usage_date_utc,model_version,usage_input_tokens_no_cache', false],
  ])('%s → %s', (line, expected) => {
    expect(anthropicUsageAdapter.sniff([line])).toBe(expected);
  });
});
