import { describe, expect, it } from 'vitest';
import { llmcostJsonlAdapter } from '../../src/ingest/llmcost-jsonl.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { firstLinesOf, parseFixture, parseText } from '../helpers/parse-fixture.ts';

type Required = Pick<UsageRecord, 'dedupKey' | 'occurredAtMs' | 'provider' | 'model' | 'sourceLine'>;

function usage(fields: Required & Partial<UsageRecord>): UsageRecord {
  return { ...EMPTY_USAGE, ...fields };
}

const at = (iso: string): number => Date.parse(iso);
const HASHED = expect.stringMatching(/^llmcost:[0-9a-f]{64}$/) as unknown as string;

function parseLine(row: Record<string, unknown>): {
  records: readonly UsageRecord[];
  problems: readonly unknown[];
} {
  return parseText(llmcostJsonlAdapter, JSON.stringify(row), 'one.jsonl');
}

const MINIMAL = { ts: '2026-11-02T09:15:00Z', provider: 'openai', model: 'gpt-4.1-mini', input_tokens: 10 };

describe('llmcost-jsonl: usage.jsonl', () => {
  const file = 'llmcost-jsonl/usage.jsonl';
  const { records, problems } = parseFixture(llmcostJsonlAdapter, file);

  it('reads every line into one record', () => {
    expect(problems).toEqual([]);
    expect(records).toEqual([
      usage({
        dedupKey: 'openai:chatcmpl-CX1aQ2mZ7kP4rT9wL0bN3vY8sDf',
        occurredAtMs: at('2026-11-02T09:15:00Z'),
        provider: 'openai',
        model: 'gpt-4o-2024-08-06',
        inputTokens: 400,
        cacheReadTokens: 600,
        outputTokens: 200,
        project: 'support-bot',
        user: 'agent-17',
        serviceTier: 'default',
        sourceLine: 1,
      }),
      usage({
        dedupKey: 'openai:chatcmpl-CX1bR8nA2qW5eU1yK7cM4xZ9tGh',
        occurredAtMs: at('2026-11-02T09:20:31Z'),
        provider: 'openai',
        model: 'gpt-4.1-mini',
        inputTokens: 250,
        outputTokens: 42,
        project: 'support-bot',
        user: 'agent-17',
        sourceLine: 2,
      }),
      usage({
        dedupKey: 'openai:resp_68a1f0c2e4b88190a3d5c7e9f1b2d4c6',
        occurredAtMs: at('2026-11-02T10:02:07Z'),
        provider: 'openai',
        model: 'o3',
        inputTokens: 904,
        cacheReadTokens: 4096,
        outputTokens: 1800,
        reasoningTokens: 1536,
        project: 'code-review',
        serviceTier: 'flex',
        tags: { feature: 'code-review', pr: '1432' },
        sourceLine: 3,
      }),
      usage({
        dedupKey: 'anthropic:msg_01XFDUDYJgAACzvnptvVoYEL',
        occurredAtMs: at('2026-11-02T10:30:00.125Z'),
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        inputTokens: 1200,
        cacheReadTokens: 18000,
        cacheWrite5mTokens: 2048,
        outputTokens: 650,
        project: 'code-review',
        workspace: 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ',
        apiKey: 'apikey_01Rj2N8SVvo6BePZj99NhmiT',
        sourceLine: 4,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-02T16:45:10Z'),
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        inputTokens: 310,
        cacheWrite1hTokens: 12000,
        outputTokens: 95,
        project: 'code-review',
        session: 'sess-7f3e',
        sourceLine: 5,
      }),
      // Line 6 is blank; lines 7 and 8 state Unix seconds.
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-03T14:40:00Z'),
        provider: 'google-gemini',
        model: 'gemini-2.5-pro',
        inputTokens: 5400,
        cacheReadTokens: 2000,
        outputTokens: 1300,
        reasoningTokens: 900,
        project: 'research',
        user: 'dana',
        sourceLine: 7,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-03T14:41:12Z'),
        provider: 'google-gemini',
        model: 'gemini-2.5-pro',
        inputTokens: 820,
        outputTokens: 410,
        reasoningTokens: 120,
        webSearchRequests: 2,
        project: 'research',
        user: 'dana',
        sourceLine: 8,
      }),
      usage({
        dedupKey: 'openai-batch:batch_req_6906c1a9172c8190e0d1c2b3a4958677',
        occurredAtMs: at('2026-11-03T14:50:00Z'),
        provider: 'openai',
        model: 'gpt-4o-2024-08-06',
        status: 'error',
        project: 'nightly-eval',
        isBatch: true,
        sourceLine: 9,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-03T15:00:00Z'),
        provider: 'openai',
        model: 'gpt-4o-2024-08-06',
        requests: 120,
        inputTokens: 96000,
        cacheReadTokens: 41000,
        outputTokens: 18000,
        project: 'nightly-eval',
        isBatch: true,
        sourceLine: 10,
      }),
      usage({
        dedupKey: 'openrouter:gen-1762183964-Xk2mQp8vR4tL',
        occurredAtMs: at('2026-11-03T18:12:44Z'),
        provider: 'openrouter',
        model: 'anthropic/claude-sonnet-4.5',
        inputTokens: 2300,
        outputTokens: 510,
        reportedCost: { amountPico: 14_550_000_000n, currency: 'USD' },
        project: 'prototypes',
        team: 'growth',
        sourceLine: 11,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-04T08:00:00Z'),
        provider: 'openai',
        model: 'gpt-4.1-mini',
        inputTokens: 1500,
        outputTokens: 300,
        project: 'support-bot',
        user: 'agent-04',
        tags: { channel: 'email' },
        sourceLine: 12,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-04T08:05:33Z'),
        provider: 'openai',
        model: 'o3',
        inputTokens: 2100,
        cacheReadTokens: 1024,
        outputTokens: 3900,
        reasoningTokens: 3400,
        project: 'code-review',
        serviceTier: 'priority',
        sourceLine: 13,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-04T09:00:00Z'),
        provider: 'azure-openai',
        model: 'gpt-4o-2024-08-06',
        requests: null,
        inputTokens: 44000,
        outputTokens: 9100,
        reportedCost: { amountPico: 12_380_000_000_000n, currency: 'EUR' },
        project: 'internal-search',
        team: 'platform',
        sourceLine: 14,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-04T17:00:00Z'),
        provider: 'anthropic',
        model: 'claude-haiku-4-5-20251001',
        inputTokens: 640,
        cacheReadTokens: 3200,
        outputTokens: 180,
        project: 'support-bot',
        user: 'agent-17',
        sourceLine: 15,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-04T17:20:00Z'),
        provider: 'google-gemini',
        model: 'gemini-2.5-flash',
        inputTokens: 12000,
        outputTokens: 800,
        project: 'research',
        sourceLine: 16,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-05T07:30:00Z'),
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        status: 'error',
        project: 'code-review',
        sourceLine: 17,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-05T08:10:00Z'),
        provider: 'openai',
        model: 'gpt-4.1',
        inputTokens: 2900,
        cacheReadTokens: 1024,
        cacheWriteTokens: 976,
        outputTokens: 120,
        project: 'support-bot',
        user: 'agent-09',
        session: 'sess-1c90',
        sourceLine: 18,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-05T09:45:00Z'),
        provider: 'openai',
        model: 'text-embedding-3-small',
        inputTokens: 812,
        project: 'internal-search',
        sourceLine: 19,
      }),
      usage({
        dedupKey: 'openai:chatcmpl-CX1aQ2mZ7kP4rT9wL0bN3vY8sDf',
        occurredAtMs: at('2026-11-02T09:15:00Z'),
        provider: 'openai',
        model: 'gpt-4o-2024-08-06',
        inputTokens: 400,
        cacheReadTokens: 600,
        outputTokens: 200,
        project: 'support-bot',
        user: 'agent-17',
        serviceTier: 'default',
        sourceLine: 20,
      }),
      usage({
        dedupKey: HASHED,
        occurredAtMs: at('2026-11-04T08:00:00Z'),
        provider: 'openai',
        model: 'gpt-4.1-mini',
        inputTokens: 1500,
        outputTokens: 300,
        project: 'support-bot',
        user: 'agent-04',
        tags: { channel: 'email' },
        sourceLine: 21,
      }),
    ]);
  });

  it.each([
    ['the same id', 1, 20],
    ['no id, same content in another key order, spacing and time spelling', 12, 21],
  ])('dedupes %s (lines %i and %i)', (_case, first, second) => {
    const keyOf = (line: number): string | undefined =>
      records.find((record) => record.sourceLine === line)?.dedupKey;
    expect(keyOf(first)).toBe(keyOf(second));
  });

  it('gives 18 distinct keys to 20 records holding 2 duplicates', () => {
    expect(new Set(records.map((record) => record.dedupKey)).size).toBe(18);
  });
});

describe('llmcost-jsonl: dedup key without an id', () => {
  it('is a pinned SHA-256 of the normalized record (a changed hash would make re-ingests count twice)', () => {
    // = sha256 of '1793610900000|6:openai|12:gpt-4.1-mini|1|10|0|0|0|0|0|0|0|ok|-|-|-|-|-|-|-|-|-|-'
    expect(parseLine(MINIMAL).records[0]?.dedupKey).toBe(
      'llmcost:f992db117b801f431a796658443da7e6ca4f9de0150c865071c0e84fdb9fc527',
    );
  });

  it.each([
    ['the same instant written as Unix seconds', { ts: 1793610900 }],
    ['the provider in capitals', { provider: 'OpenAI' }],
    ['defaults written out', { requests: 1, output_tokens: 0, status: 'ok', batch: false, tags: {} }],
  ])('is unchanged by %s', (_case, change) => {
    expect(parseLine({ ...MINIMAL, ...change }).records[0]?.dedupKey).toBe(
      parseLine(MINIMAL).records[0]?.dedupKey,
    );
  });

  it.each([
    ['ts', { ts: '2026-11-02T09:15:00.001Z' }],
    ['model', { model: 'gpt-4.1' }],
    ['input_tokens', { input_tokens: 11 }],
    ['project', { project: 'a' }],
    ['tags', { tags: { a: 'b' } }],
    ['cost', { cost: '0.01' }],
    ['batch', { batch: true }],
    ['requests', { requests: null }],
  ])('changes with %s', (_field, change) => {
    expect(parseLine({ ...MINIMAL, ...change }).records[0]?.dedupKey).not.toBe(
      parseLine(MINIMAL).records[0]?.dedupKey,
    );
  });
});

describe('llmcost-jsonl: fields', () => {
  it('reads a line that uses every key', () => {
    const line = {
      ts: 1793610900123,
      provider: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      id: 'anthropic:msg_01',
      requests: 3,
      input_tokens: 1,
      cache_read_tokens: 2,
      cache_write_5m_tokens: 3,
      cache_write_1h_tokens: 4,
      cache_write_tokens: 5,
      output_tokens: 6,
      reasoning_tokens: 6,
      web_search_requests: 7,
      status: 'error',
      project: 'p',
      user: 'u',
      team: 't',
      api_key: 'k',
      workspace: 'w',
      session: 's',
      service_tier: 'priority',
      batch: true,
      tags: { env: 'prod' },
      cost: '-0.5',
      currency: 'gbp',
      latency_ms: 1234.4,
      ttft_ms: 321,
    };
    expect(parseLine(line)).toEqual({
      problems: [],
      records: [
        {
          dedupKey: 'anthropic:msg_01',
          occurredAtMs: 1793610900123,
          provider: 'anthropic',
          model: 'claude-sonnet-4-5-20250929',
          requests: 3,
          inputTokens: 1,
          cacheReadTokens: 2,
          cacheWrite5mTokens: 3,
          cacheWrite1hTokens: 4,
          cacheWriteTokens: 5,
          outputTokens: 6,
          reasoningTokens: 6,
          webSearchRequests: 7,
          status: 'error',
          project: 'p',
          user: 'u',
          team: 't',
          apiKey: 'k',
          workspace: 'w',
          session: 's',
          serviceTier: 'priority',
          isBatch: true,
          tags: { env: 'prod' },
          reportedCost: { amountPico: -500_000_000_000n, currency: 'GBP' },
          latencyMs: 1234,
          timeToFirstTokenMs: 321,
          sourceLine: 1,
        },
      ],
    });
  });

  it('rejects a negative or longer-than-an-hour duration, and reads null as unknown', () => {
    expect(parseLine({ ...MINIMAL, latency_ms: -1, ttft_ms: 3_600_001 }).problems).toEqual([
      {
        file: 'one.jsonl',
        line: 1,
        field: 'latency_ms',
        message: 'expected a duration from 0 to 3600000 ms, got -1',
      },
      {
        file: 'one.jsonl',
        line: 1,
        field: 'ttft_ms',
        message: 'expected a duration from 0 to 3600000 ms, got 3600001',
      },
    ]);
    expect(parseLine({ ...MINIMAL, latency_ms: null }).records[0]).toMatchObject({
      latencyMs: null,
      timeToFirstTokenMs: null,
    });
  });

  it.each([
    ['2026-11-02T09:15:00Z', at('2026-11-02T09:15:00Z')],
    ['2026-11-02T09:15:00.5Z', at('2026-11-02T09:15:00.500Z')],
    ['2026-11-02T10:15:00+01:00', at('2026-11-02T09:15:00Z')],
    ['2026-11-02T04:15:00-0500', at('2026-11-02T09:15:00Z')],
    ['2024-02-29T00:00:00.000Z', at('2024-02-29T00:00:00Z')],
    [1793610900, at('2026-11-02T09:15:00Z')],
    [1793610900.25, at('2026-11-02T09:15:00.250Z')],
  ])('reads ts %j', (ts, expected) => {
    expect(parseLine({ ...MINIMAL, ts }).records[0]?.occurredAtMs).toBe(expected);
  });

  it.each([['2026-11-02 09:15:00'], ['2026-11-02'], ['2026-02-30T00:00:00Z'], ['yesterday'], [-1], [true]])(
    'refuses ts %j',
    (ts) => {
      expect(parseLine({ ...MINIMAL, ts }).problems).toEqual([
        {
          file: 'one.jsonl',
          line: 1,
          field: 'ts',
          message: `expected an ISO 8601 timestamp with a zone (Z or ±hh:mm) or Unix seconds, got ${JSON.stringify(ts)}`,
        },
      ]);
    },
  );

  it.each([
    ['0.0145500', 14_550_000_000n],
    [12.38, 12_380_000_000_000n],
    ['3', 3_000_000_000_000n],
  ])('reads cost %j as %s pico-USD', (cost, amountPico) => {
    expect(parseLine({ ...MINIMAL, cost }).records[0]?.reportedCost).toEqual({ amountPico, currency: 'USD' });
  });

  it.each([
    ['output_token', 'unknown key; did you mean "output_tokens"?'],
    ['cacheReadTokens', 'unknown key; did you mean "cache_read_tokens"?'],
    ['Model', 'unknown key; did you mean "model"?'],
    ['service-tier', 'unknown key; did you mean "service_tier"?'],
    [
      'cost_usd',
      'unknown key; llmcost-jsonl keys are ts, provider, model, id, requests, input_tokens, cache_read_tokens, ' +
        'cache_write_5m_tokens, cache_write_1h_tokens, cache_write_tokens, output_tokens, reasoning_tokens, ' +
        'web_search_requests, status, project, user, team, api_key, workspace, session, service_tier, batch, tags, ' +
        'cost, currency, latency_ms, ttft_ms',
    ],
  ])('names the unknown key %s', (key, message) => {
    expect(parseLine({ ...MINIMAL, [key]: 1 }).problems).toEqual([
      { file: 'one.jsonl', line: 1, field: key, message },
    ]);
  });
});

describe('llmcost-jsonl: broken.jsonl', () => {
  it('reports each bad line with its number, field and what was expected, and keeps the good one', () => {
    const file = 'llmcost-jsonl/broken.jsonl';
    const { records, problems } = parseFixture(llmcostJsonlAdapter, file);
    expect(records.map((record) => [record.sourceLine, record.model])).toEqual([[11, 'gpt-4o-2024-08-06']]);
    expect(problems).toEqual([
      { file, line: 1, field: 'output_token', message: 'unknown key; did you mean "output_tokens"?' },
      {
        file,
        line: 2,
        field: 'ts',
        message:
          'expected an ISO 8601 timestamp with a zone (Z or ±hh:mm) or Unix seconds, got "2026-11-02 09:15:00"',
      },
      { file, line: 3, field: 'input_tokens', message: 'expected a non-negative integer, got "-3"' },
      { file, line: 3, field: 'reasoning_tokens', message: 'expected at most output_tokens (100), got 150' },
      {
        file,
        line: 5,
        field: null,
        message: 'expected a JSON object, got invalid JSON "ts,provider,model,input_tokens"',
      },
      {
        file,
        line: 6,
        field: 'ts',
        message: 'expected an ISO 8601 timestamp with a zone (Z or ±hh:mm) or Unix seconds, got nothing',
      },
      { file, line: 7, field: 'model', message: 'expected a non-empty string, got ""' },
      { file, line: 7, field: 'status', message: 'expected "ok" or "error", got "failed"' },
      { file, line: 7, field: 'batch', message: 'expected true or false, got "yes"' },
      { file, line: 8, field: 'tags.retry', message: 'expected a string, got 2' },
      { file, line: 8, field: 'cost', message: 'expected a decimal number such as "0.0125", got "$0.02"' },
      { file, line: 8, field: 'currency', message: 'expected an ISO 4217 code such as "USD", got "dollars"' },
      { file, line: 9, field: 'inputTokens', message: 'unknown key; did you mean "input_tokens"?' },
      {
        file,
        line: 9,
        field: 'cost_usd',
        message: expect.stringMatching(
          /^unknown key; llmcost-jsonl keys are ts, provider, model, /,
        ) as unknown,
      },
      { file, line: 10, field: null, message: 'expected a JSON object, got ["ts","provider","model"]' },
    ]);
  });

  it('returns nothing for blank lines', () => {
    expect(parseText(llmcostJsonlAdapter, '\n  \n\t\n', 'blank.jsonl')).toEqual({
      records: [],
      problems: [],
    });
  });
});

describe('llmcost-jsonl: sniff', () => {
  it.each([
    ['llmcost-jsonl/usage.jsonl', true],
    ['llmcost-jsonl/broken.jsonl', true],
    ['openai-responses/responses.jsonl', false],
    ['openai-responses/batch-output.jsonl', false],
  ])('%s → %s', (fixture, expected) => {
    expect(llmcostJsonlAdapter.sniff(firstLinesOf(fixture))).toBe(expected);
  });

  it.each([
    ['a blank first line is skipped', ['', JSON.stringify(MINIMAL)], true],
    ['no token key', [JSON.stringify({ ts: 1, provider: 'openai', model: 'o3' })], false],
    ['no provider', [JSON.stringify({ ts: 1, model: 'o3', input_tokens: 1 })], false],
    ['not JSON', ['ts,provider,model,input_tokens'], false],
    ['no lines', [], false],
  ])('%s → %s', (_case, lines, expected) => {
    expect(llmcostJsonlAdapter.sniff(lines)).toBe(expected);
  });
});
