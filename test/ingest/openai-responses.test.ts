import { describe, expect, it } from 'vitest';
import { openaiResponsesAdapter } from '../../src/ingest/openai-responses.ts';
import { EMPTY_USAGE, totalTokens, type UsageRecord } from '../../src/model/usage-record.ts';
import { firstLinesOf, parseFixture, parseText } from '../helpers/parse-fixture.ts';

type Required = Pick<UsageRecord, 'dedupKey' | 'occurredAtMs' | 'model' | 'sourceLine'>;

function openaiRecord(fields: Required & Partial<UsageRecord>): UsageRecord {
  return { ...EMPTY_USAGE, provider: 'openai', ...fields };
}

const at = (iso: string): number => Date.parse(iso);

describe('openai-responses: responses.jsonl', () => {
  const { records, problems } = parseFixture(openaiResponsesAdapter, 'openai-responses/responses.jsonl');

  it('reads chat, the last stream chunk, responses, embeddings, envelopes and failures', () => {
    expect(problems).toEqual([]);
    expect(records).toEqual([
      openaiRecord({
        dedupKey: 'openai:chatcmpl-CX1aQ2mZ7kP4rT9wL0bN3vY8sDf',
        occurredAtMs: at('2026-11-02T09:15:00Z'),
        model: 'gpt-4o-2024-08-06',
        inputTokens: 400,
        cacheReadTokens: 600,
        outputTokens: 200,
        serviceTier: 'default',
        sourceLine: 1,
      }),
      // Lines 2-4 are chunks without usage; only the last chunk of the stream carries it.
      openaiRecord({
        dedupKey: 'openai:chatcmpl-CX1bR8nA2qW5eU1yK7cM4xZ9tGh',
        occurredAtMs: at('2026-11-02T09:20:31Z'),
        model: 'gpt-4.1-mini-2025-04-14',
        inputTokens: 250,
        outputTokens: 42,
        serviceTier: 'default',
        sourceLine: 5,
      }),
      openaiRecord({
        dedupKey: 'openai:resp_68a1f0c2e4b88190a3d5c7e9f1b2d4c6',
        occurredAtMs: at('2026-11-02T10:02:07Z'),
        model: 'o3-2025-04-16',
        inputTokens: 904,
        cacheReadTokens: 4096,
        outputTokens: 1800,
        reasoningTokens: 1536,
        serviceTier: 'flex',
        user: 'user_8f3a21',
        tags: { feature: 'code-review', pr: '1432' },
        sourceLine: 6,
      }),
      // Line 7 is blank. Embeddings carry no id and no timestamp: the envelope's `ts` dates them, and the
      // key is a hash of the record (pinned: a changed hash would make re-ingests count the usage twice).
      openaiRecord({
        dedupKey: 'openai-content:a63c87780c86e23d9c064d48677478703f6ad4de7b44bf8612ae62710ca981ff',
        occurredAtMs: at('2026-11-03T14:40:00.250Z'),
        model: 'text-embedding-3-small',
        inputTokens: 812,
        sourceLine: 8,
      }),
      openaiRecord({
        dedupKey: 'openai:chatcmpl-CX2cT4pB6rY1iO3uJ5dN8wQ0zEk',
        occurredAtMs: at('2026-11-03T14:41:12Z'),
        model: 'gpt-4.1-2025-04-14',
        inputTokens: 1000,
        cacheReadTokens: 1024,
        cacheWriteTokens: 976,
        outputTokens: 120,
        serviceTier: 'priority',
        sourceLine: 9,
      }),
      openaiRecord({
        dedupKey: 'openai:resp_68a2b7d1f0c48193b6e2a9d4c8f1e3a7',
        occurredAtMs: at('2026-11-04T08:00:00Z'),
        model: 'gpt-5-2025-08-07',
        status: 'error',
        serviceTier: 'default',
        user: 'acct_2291',
        sourceLine: 10,
      }),
      openaiRecord({
        dedupKey: 'openai:resp_68a2b9e4c1d08197a4f6b2c8e0d3f5a9',
        occurredAtMs: at('2026-11-04T08:05:33Z'),
        model: 'gpt-4.1-mini-2025-04-14',
        inputTokens: 900,
        outputTokens: 256,
        serviceTier: 'default',
        sourceLine: 11,
      }),
      // Line 12 is a `response.in_progress` stream event: no usage yet, no record.
      openaiRecord({
        dedupKey: 'openai:chatcmpl-CX1aQ2mZ7kP4rT9wL0bN3vY8sDf',
        occurredAtMs: at('2026-11-02T09:15:00Z'),
        model: 'gpt-4o-2024-08-06',
        inputTokens: 400,
        cacheReadTokens: 600,
        outputTokens: 200,
        serviceTier: 'default',
        sourceLine: 13,
      }),
    ]);
  });

  it.each([
    [1, 1000 + 200],
    [5, 250 + 42],
    [6, 5000 + 1800],
    [8, 812],
    [9, 3000 + 120],
    [11, 900 + 256],
  ])('line %i: the disjoint classes add up to the source total_tokens %i', (line, total) => {
    expect(totalTokens(records.find((record) => record.sourceLine === line)!)).toBe(total);
  });

  it('gives the same response logged twice (plain and in an envelope) the same dedup key', () => {
    expect(
      records.filter((record) => record.dedupKey === 'openai:chatcmpl-CX1aQ2mZ7kP4rT9wL0bN3vY8sDf'),
    ).toHaveLength(2);
  });
});

describe('openai-responses: Batch API files', () => {
  it('reads output lines as batch usage and dates error lines by the latest body.created of the file', () => {
    const { records, problems } = parseFixture(openaiResponsesAdapter, 'openai-responses/batch-output.jsonl');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      openaiRecord({
        dedupKey: 'openai:chatcmpl-CY7eA1sD2fG3hJ4kL5zX6cV7bNm',
        occurredAtMs: at('2026-11-04T08:00:00Z'),
        model: 'gpt-4o-2024-08-06',
        inputTokens: 1200,
        outputTokens: 300,
        serviceTier: 'default',
        isBatch: true,
        sourceLine: 1,
      }),
      openaiRecord({
        dedupKey: 'openai:chatcmpl-CY7eB8nM7bV6cX5zL4kJ3hG2fDs',
        occurredAtMs: at('2026-11-04T08:05:33Z'),
        model: 'gpt-4o-2024-08-06',
        inputTokens: 1048,
        cacheReadTokens: 1152,
        outputTokens: 150,
        serviceTier: 'default',
        isBatch: true,
        sourceLine: 2,
      }),
      // HTTP 400 with an error body, then `response: null` with `error: batch_expired`: counted, not priced.
      openaiRecord({
        dedupKey: 'openai-batch:batch_req_6906c1a9061c8190f1e2d3c4b5a69788',
        occurredAtMs: at('2026-11-04T08:05:33Z'),
        model: 'gpt-4o-2024-08-06',
        status: 'error',
        isBatch: true,
        sourceLine: 3,
      }),
      openaiRecord({
        dedupKey: 'openai-batch:batch_req_6906c1a9172c8190e0d1c2b3a4958677',
        occurredAtMs: at('2026-11-04T08:05:33Z'),
        model: 'gpt-4o-2024-08-06',
        status: 'error',
        isBatch: true,
        sourceLine: 4,
      }),
    ]);
  });

  it('reports error lines of a file that has no timestamp at all', () => {
    const message =
      'expected a timestamp: this batch line has none, and no line of the file has a "response.body.created" ' +
      'to date it by; ingest the error file appended to the batch output file';
    expect(parseFixture(openaiResponsesAdapter, 'openai-responses/batch-errors.jsonl')).toEqual({
      records: [],
      problems: [
        { file: 'openai-responses/batch-errors.jsonl', line: 1, field: null, message },
        { file: 'openai-responses/batch-errors.jsonl', line: 2, field: null, message },
      ],
    });
  });

  it("keys a batch line by its body's id, so it dedupes with a separately logged copy", () => {
    const body = {
      id: 'chatcmpl-CY9gH2jK3',
      object: 'chat.completion',
      created: 1793779200,
      model: 'gpt-4.1-mini-2025-04-14',
      usage: { prompt_tokens: 10, completion_tokens: 2 },
    };
    const batchLine = {
      id: 'batch_req_1',
      custom_id: 'a',
      response: { status_code: 200, body },
      error: null,
    };
    const text = [JSON.stringify(body), JSON.stringify(batchLine)].join('\n');
    const { records } = parseText(openaiResponsesAdapter, text, 'mixed.jsonl');
    expect(records.map((record) => [record.dedupKey, record.isBatch])).toEqual([
      ['openai:chatcmpl-CY9gH2jK3', false],
      ['openai:chatcmpl-CY9gH2jK3', true],
    ]);
  });

  it("names the model 'unknown' when an error line's file uses several models", () => {
    const chat = (id: string, model: string): string =>
      JSON.stringify({
        id: `batch_req_${id}`,
        custom_id: id,
        response: {
          status_code: 200,
          body: {
            id,
            object: 'chat.completion',
            created: 1793779200,
            model,
            usage: { prompt_tokens: 1, completion_tokens: 1 },
          },
        },
        error: null,
      });
    const failed = JSON.stringify({
      id: 'batch_req_9',
      custom_id: '9',
      response: null,
      error: { code: 'batch_expired' },
    });
    const text = [chat('c1', 'gpt-4o-2024-08-06'), chat('c2', 'o3-2025-04-16'), failed].join('\n');
    const { records } = parseText(openaiResponsesAdapter, text, 'batch.jsonl');
    expect(records.map((record) => record.model)).toEqual(['gpt-4o-2024-08-06', 'o3-2025-04-16', 'unknown']);
  });
});

describe('openai-responses: token mapping', () => {
  it.each([
    [
      'chat: prompt 1000 with 600 cached',
      {
        object: 'chat.completion',
        usage: { prompt_tokens: 1000, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 600 } },
      },
      { inputTokens: 400, cacheReadTokens: 600, cacheWriteTokens: 0, outputTokens: 50, reasoningTokens: 0 },
    ],
    [
      'chat: cache writes leave input too',
      {
        object: 'chat.completion',
        usage: {
          prompt_tokens: 1000,
          completion_tokens: 80,
          prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 300 },
          completion_tokens_details: { reasoning_tokens: 64 },
        },
      },
      {
        inputTokens: 600,
        cacheReadTokens: 100,
        cacheWriteTokens: 300,
        outputTokens: 80,
        reasoningTokens: 64,
      },
    ],
    [
      'responses: reasoning stays inside output',
      {
        object: 'response',
        status: 'completed',
        usage: {
          input_tokens: 2048,
          input_tokens_details: { cached_tokens: 1024, cache_write_tokens: 0 },
          output_tokens: 900,
          output_tokens_details: { reasoning_tokens: 700 },
        },
      },
      {
        inputTokens: 1024,
        cacheReadTokens: 1024,
        cacheWriteTokens: 0,
        outputTokens: 900,
        reasoningTokens: 700,
      },
    ],
  ])('%s', (_name, response, expected) => {
    const line = JSON.stringify({
      id: 'x1',
      created: 1793779200,
      created_at: 1793779200,
      model: 'o3',
      ...response,
    });
    const { records } = parseText(openaiResponsesAdapter, line, 'one.jsonl');
    expect(records[0]).toMatchObject(expected);
  });
});

describe('openai-responses: broken.jsonl', () => {
  it('reports each bad line with its number, field and what was expected, and keeps the good one', () => {
    const file = 'openai-responses/broken.jsonl';
    const { records, problems } = parseFixture(openaiResponsesAdapter, file);
    expect(records.map((record) => [record.sourceLine, record.dedupKey])).toEqual([
      [14, 'openai:chatcmpl-CZ0fQ8'],
    ]);
    expect(problems).toEqual([
      { file, line: 1, field: null, message: 'expected a JSON object, got invalid JSON "this is not json"' },
      {
        file,
        line: 2,
        field: null,
        message: 'expected a JSON object, got invalid JSON "{\\"id\\":\\"chatcmpl-CZ0aK3\\",\\"object...',
      },
      { file, line: 3, field: null, message: 'expected a JSON object, got [1,2,3]' },
      {
        file,
        line: 4,
        field: 'object',
        message:
          'expected "chat.completion", "chat.completion.chunk", "response" or an embeddings "list" with "usage" and "model", ' +
          'got "organization.usage.completions.result"',
      },
      {
        file,
        line: 5,
        field: null,
        message:
          'expected an OpenAI response object ("chat.completion", "chat.completion.chunk", "response" or an embeddings ' +
          '"list" with "usage" and "model", at the top level or one level down) or a Batch API line, ' +
          'got an object with keys ["ts","event","user"]',
      },
      { file, line: 6, field: 'usage.prompt_tokens', message: 'expected a non-negative integer, got "-3"' },
      {
        file,
        line: 7,
        field: 'usage.prompt_tokens_details.cached_tokens',
        message: 'expected at most prompt_tokens (500), got 600',
      },
      {
        file,
        line: 9,
        field: 'created_at',
        message: 'expected an ISO 8601 timestamp or Unix seconds here or in an envelope\'s "ts", got nothing',
      },
      { file, line: 10, field: 'usage', message: 'expected an object of token counts, got nothing' },
      {
        file,
        line: 11,
        field: 'usage.output_tokens_details.reasoning_tokens',
        message: 'expected at most output_tokens (20), got 64',
      },
      {
        file,
        line: 12,
        field: 'usage.prompt_tokens_details.cache_write_tokens',
        message: 'expected at most prompt_tokens - cached_tokens (400), got 500',
      },
      {
        file,
        line: 13,
        field: 'response.body',
        message: 'expected an OpenAI response object, got {"ok":true}',
      },
    ]);
  });

  it('returns nothing for blank lines', () => {
    expect(parseText(openaiResponsesAdapter, '\n   \n\t\n', 'blank.jsonl')).toEqual({
      records: [],
      problems: [],
    });
  });

  it('names the field inside the envelope', () => {
    const line = JSON.stringify({
      ts: '2026-11-02T09:15:00Z',
      response: {
        id: 'c',
        object: 'chat.completion',
        created: 1793610900,
        model: 'gpt-4o',
        usage: { prompt_tokens: 1.5 },
      },
    });
    expect(parseText(openaiResponsesAdapter, line, 'app.jsonl').problems).toEqual([
      {
        file: 'app.jsonl',
        line: 1,
        field: 'response.usage.prompt_tokens',
        message: 'expected a non-negative integer, got 1.5',
      },
      {
        file: 'app.jsonl',
        line: 1,
        field: 'response.usage.completion_tokens',
        message: 'expected a non-negative integer, got nothing',
      },
    ]);
  });
});

describe('openai-responses: sniff', () => {
  it.each([
    ['openai-responses/responses.jsonl', true],
    ['openai-responses/batch-output.jsonl', true],
    ['openai-responses/batch-errors.jsonl', true],
    ['openai-responses/broken.jsonl', false],
    ['llmcost-jsonl/usage.jsonl', false],
  ])('%s → %s', (fixture, expected) => {
    expect(openaiResponsesAdapter.sniff(firstLinesOf(fixture))).toBe(expected);
  });

  it('is false on no lines', () => {
    expect(openaiResponsesAdapter.sniff([])).toBe(false);
  });
});
