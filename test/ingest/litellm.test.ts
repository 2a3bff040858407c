import { describe, expect, it } from 'vitest';
import { litellmAdapter } from '../../src/ingest/litellm.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { firstLinesOf, parseFixture, parseText } from '../helpers/parse-fixture.ts';

const at = (iso: string): number => Date.parse(iso);
const usd = (text: string) => ({ amountPico: decimalUsdToPico(text), currency: 'USD' });
const KEY1 = '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b';

const ANTHROPIC_ROW: UsageRecord = {
  ...EMPTY_USAGE,
  dedupKey: 'litellm:chatcmpl-7f0c2a9e-4b1d-4c55-9a0e-3d2f1b6c8e71',
  occurredAtMs: at('2026-11-02T09:15:00.123Z'),
  provider: 'anthropic',
  model: 'claude-sonnet-4-5-20250929',
  // prompt_tokens 10500 includes the 8000 read and the 2000 written (1500 for 5 min, 500 for 1 h).
  inputTokens: 500,
  cacheReadTokens: 8000,
  cacheWrite5mTokens: 1500,
  cacheWrite1hTokens: 500,
  outputTokens: 200,
  user: 'ada',
  team: 'team-search',
  apiKey: KEY1,
  tags: {
    feature: 'search',
    'User-Agent': 'python-requests/2.32',
    experiment: 'rerank-v2',
    endUser: 'cust-42',
    modelGroup: 'claude-sonnet',
    apiKeyAlias: 'search-svc',
    teamAlias: 'Search',
  },
  reportedCost: usd('0.0117'),
  // endTime − startTime; not streamed, so LiteLLM's completionStartTime is the endTime.
  latencyMs: 2333,
  timeToFirstTokenMs: 2333,
  sourceLine: 2,
};

describe('litellm: spend-logs.json (GET /spend/logs, pretty-printed)', () => {
  const { records, problems } = parseFixture(litellmAdapter, 'litellm/spend-logs.json');

  it('splits prompt_tokens by the usage details into disjoint classes', () => {
    expect(problems).toEqual([]);
    expect(records[0]).toEqual(ANTHROPIC_ROW);
    expect(records[1]).toMatchObject({
      provider: 'openai',
      inputTokens: 1976,
      cacheReadTokens: 1024,
      outputTokens: 400,
    });
  });

  it('flags cache hits, marks failures, and maps the provider names', () => {
    expect(records.map((record) => [record.provider, record.status, record.tags.cacheHit ?? '-'])).toEqual([
      ['anthropic', 'ok', '-'],
      ['openai', 'ok', '-'],
      ['openai', 'ok', 'true'],
      ['anthropic', 'error', '-'],
      ['aws-bedrock', 'ok', '-'],
    ]);
  });
});

describe('litellm: spend-logs.csv, payloads.jsonl, broken.json', () => {
  it('reads the table dump (JSON columns as text, zone-less times as UTC) as the same usage as the API', () => {
    const { records, problems } = parseFixture(litellmAdapter, 'litellm/spend-logs.csv');
    expect(problems).toEqual([]);
    expect(records[0]).toEqual(ANTHROPIC_ROW);
    expect(records.map((record) => record.dedupKey)).toEqual([
      'litellm:chatcmpl-7f0c2a9e-4b1d-4c55-9a0e-3d2f1b6c8e71',
      'litellm:chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      'litellm:chatcmpl-C1d2E3f4G5h6I7j8K9l0M1n2',
    ]);
  });

  it('reads StandardLoggingPayload lines under the same key, dated by float Unix seconds', () => {
    const { records, problems } = parseFixture(litellmAdapter, 'litellm/payloads.jsonl');
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      dedupKey: ANTHROPIC_ROW.dedupKey,
      occurredAtMs: ANTHROPIC_ROW.occurredAtMs,
      inputTokens: 500,
      cacheReadTokens: 8000,
      cacheWrite5mTokens: 1500,
      cacheWrite1hTokens: 500,
      reportedCost: usd('0.0117'),
      // Float Unix seconds: 1793610900.123 → .523 (first token) → 1793610901.323 (end).
      latencyMs: 1200,
      timeToFirstTokenMs: 400,
    });
    expect(records[1]).toMatchObject({
      occurredAtMs: at('2026-11-03T09:00:00.123Z'),
      inputTokens: 452,
      cacheReadTokens: 2048,
      team: 'team-search',
      user: 'ada',
      tags: { feature: 'search', endUser: 'cust-7', apiKeyAlias: 'search-svc' },
    });
  });

  it('keeps the good element of a one-line array and rejects the bad ones', () => {
    const { records, problems } = parseFixture(litellmAdapter, 'litellm/broken.json');
    expect(records.map((record) => record.dedupKey)).toEqual(['litellm:chatcmpl-E1f2G3h4I5j6']);
    expect(problems.map((problem) => [problem.line, problem.field, problem.message])).toEqual([
      [1, 'prompt_tokens', 'expected a non-negative integer, got "abc"'],
      [1, 'startTime', 'expected an ISO 8601 timestamp or Unix seconds, got "last tuesday"'],
    ]);
  });

  it('reads a prompt that cannot include the cache details (older LiteLLM) as uncached', () => {
    const line =
      '{"request_id":"r1","startTime":"2026-11-02T09:00:00Z","model":"claude-3-5-haiku-20241022","prompt_tokens":300,' +
      '"completion_tokens":20,"spend":0.001,"metadata":{"additional_usage_values":{"cache_read_input_tokens":5000}}}';
    expect(parseText(litellmAdapter, line, 'old.json').records[0]).toMatchObject({
      provider: 'litellm',
      inputTokens: 300,
      cacheReadTokens: 5000,
    });
  });

  it('reads timing from the instants, else request_duration_ms or response_time; missing is null', () => {
    const spendLog = (timing: string): string =>
      `{"request_id":"r1","startTime":"2026-11-02T09:00:00Z","model":"gpt-4o","prompt_tokens":10,"completion_tokens":2${timing}}`;
    const read = (line: string) => parseText(litellmAdapter, line, 'timing.json').records[0];
    expect(
      read(spendLog(',"endTime":"2026-11-02T09:00:01.5Z","completionStartTime":"2026-11-02T09:00:00.25Z"')),
    ).toMatchObject({
      latencyMs: 1500,
      timeToFirstTokenMs: 250,
    });
    expect(read(spendLog(',"request_duration_ms":900,"completionStartTime":null'))).toMatchObject({
      latencyMs: 900,
      timeToFirstTokenMs: null,
    });
    expect(read(spendLog(''))).toMatchObject({ latencyMs: null, timeToFirstTokenMs: null });
    const payload =
      '{"id":"p1","call_type":"acompletion","response_cost":0.001,"startTime":1793610900.0,"response_time":2.0004,' +
      '"model":"gpt-4o","prompt_tokens":10,"completion_tokens":2}';
    expect(read(payload)).toMatchObject({ latencyMs: 2000, timeToFirstTokenMs: null });
  });

  it('rejects an end before the start and a first token more than an hour after it', () => {
    const line =
      '{"request_id":"r1","startTime":"2026-11-02T09:00:00Z","endTime":"2026-11-02T08:59:59Z",' +
      '"completionStartTime":"2026-11-02T10:00:00.001Z","model":"gpt-4o","prompt_tokens":10,"completion_tokens":2}';
    const { records, problems } = parseText(litellmAdapter, line, 'timing.json');
    expect(records).toEqual([]);
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual([
      [
        'endTime',
        'expected an instant from the start to 1 hour after it, got "2026-11-02T08:59:59Z" (-1000 ms after the start)',
      ],
      [
        'completionStartTime',
        'expected an instant from the start to 1 hour after it, got "2026-11-02T10:00:00.001Z" (3600001 ms after the start)',
      ],
    ]);
  });

  it('sniffs the API array, the table dump and the payloads', () => {
    expect(
      ['spend-logs.json', 'spend-logs.csv', 'payloads.jsonl', 'broken.json'].map((fixture) =>
        litellmAdapter.sniff(firstLinesOf(`litellm/${fixture}`)),
      ),
    ).toEqual([true, true, true, true]);
  });
});
