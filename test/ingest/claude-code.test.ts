import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claudeCodeAdapter } from '../../src/ingest/claude-code.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { parseLines } from '../helpers/parse-lines.ts';

const PROJECT_DIR = 'fixtures/claude-code/projects/-home-ada-src-shop-api';
const SESSION_A = '5d0c7c52-8f0e-4b8e-9a53-2f7f3b6f1c10';
const SESSION_B = 'b7e2a9f4-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const FILES = {
  sessionA: `${PROJECT_DIR}/${SESSION_A}.jsonl`,
  subagent: `${PROJECT_DIR}/${SESSION_A}/subagents/agent-a81f3c2e.jsonl`,
  resumed: `${PROJECT_DIR}/${SESSION_B}.jsonl`,
  oldVersion: 'fixtures/claude-code/projects/-home-ada-notes/0a4d6e8f-2b1c-4d3e-9f8a-7b6c5d4e3f2a.jsonl',
} as const;

function parseFixture(file: string) {
  return parseLines(claudeCodeAdapter, readFileSync(file, 'utf8'), file);
}

/** A record as the Claude Code adapter builds it: the constant parts filled in. */
function claudeRecord(
  fields: Partial<UsageRecord> & Pick<UsageRecord, 'dedupKey' | 'sourceLine'>,
): UsageRecord {
  return {
    ...EMPTY_USAGE,
    occurredAtMs: 0,
    provider: 'anthropic',
    model: 'claude-sonnet-4-5-20250929',
    project: '/home/ada/src/shop-api',
    session: SESSION_A,
    serviceTier: 'standard',
    tags: { agent: 'main' },
    ...fields,
  };
}

const streamedA1 = {
  dedupKey: 'anthropic:msg_01HqA1streamed:req_01A1',
  occurredAtMs: Date.parse('2026-10-05T09:14:03.120Z'),
  inputTokens: 3,
  cacheReadTokens: 14_800,
  cacheWrite5mTokens: 2_100,
};

describe('claude-code adapter on a session with streaming, a Task call, an MCP tool and an API error', () => {
  it('emits one record per usage line, every streamed copy at the time of the first', () => {
    expect(parseFixture(FILES.sessionA)).toEqual({
      records: [
        claudeRecord({ ...streamedA1, outputTokens: 12, sourceLine: 3 }),
        claudeRecord({ ...streamedA1, outputTokens: 40, sourceLine: 4 }),
        claudeRecord({ ...streamedA1, outputTokens: 187, sourceLine: 5 }),
        claudeRecord({
          dedupKey: 'anthropic:msg_01HqA2onehour:req_01A2',
          occurredAtMs: Date.parse('2026-10-05T09:16:40.250Z'),
          inputTokens: 8,
          cacheReadTokens: 26_100,
          cacheWrite1hTokens: 3_000,
          outputTokens: 92,
          webSearchRequests: 2,
          serviceTier: 'priority',
          sourceLine: 7,
        }),
        claudeRecord({
          dedupKey: 'anthropic:msg_01HqA3mcp:req_01A3',
          occurredAtMs: Date.parse('2026-10-05T09:17:02.500Z'),
          inputTokens: 5,
          cacheReadTokens: 29_100,
          cacheWrite5mTokens: 640,
          outputTokens: 71,
          sourceLine: 8,
        }),
      ],
      problems: [],
    });
  });

  it('reads no usage from the Task result (toolUseResult.usage) nor from the <synthetic> error line', () => {
    const lines = parseFixture(FILES.sessionA).records.map((record) => record.sourceLine);
    expect(lines).not.toContain(6);
    expect(lines).not.toContain(9);
  });

  it('takes message.usage, not a "usage" key inside the tool input before it', () => {
    const mcp = parseFixture(FILES.sessionA).records.find((record) => record.sourceLine === 8);
    expect(mcp?.inputTokens).toBe(5);
    expect(mcp?.outputTokens).toBe(71);
  });
});

describe('claude-code adapter on other files', () => {
  it('tags subagent lines and files them under the parent session and project', () => {
    expect(parseFixture(FILES.subagent)).toEqual({
      records: [
        claudeRecord({
          dedupKey: 'anthropic:msg_01HqS1subagent:req_01S1',
          occurredAtMs: Date.parse('2026-10-05T09:16:29.700Z'),
          model: 'claude-haiku-4-5-20251001',
          inputTokens: 12,
          cacheWrite5mTokens: 9_011,
          outputTokens: 256,
          tags: { agent: 'subagent' },
          sourceLine: 2,
        }),
      ],
      problems: [],
    });
  });

  it('gives a resumed copy the same dedup key, keys a message without requestId by its id, and reports the truncated last line', () => {
    const { records, problems } = parseFixture(FILES.resumed);
    expect(records.map((record) => [record.sourceLine, record.dedupKey, record.session])).toEqual([
      [2, 'anthropic:msg_01HqA2onehour:req_01A2', SESSION_B],
      [4, 'anthropic:msg_01HqB1noreq', SESSION_B],
    ]);
    expect(problems).toEqual([
      { file: FILES.resumed, line: 5, field: null, message: 'not valid JSON (truncated line?)' },
    ]);
  });

  it('counts the resumed copy exactly like the original', () => {
    const original = parseFixture(FILES.sessionA).records.find((record) => record.sourceLine === 7);
    const copy = parseFixture(FILES.resumed).records.find((record) => record.sourceLine === 2);
    expect({ ...copy, session: null, sourceLine: 0 }).toEqual({ ...original, session: null, sourceLine: 0 });
  });

  it('takes cache writes without the 5m/1h split (Claude Code before mid-2025) as 5-minute writes', () => {
    expect(parseFixture(FILES.oldVersion).records).toEqual([
      claudeRecord({
        dedupKey: 'anthropic:msg_01HqN1nosplit:req_01N1',
        occurredAtMs: Date.parse('2025-06-20T18:05:04.000Z'),
        model: 'claude-opus-4-20250514',
        project: '/home/ada/notes',
        session: '0a4d6e8f-2b1c-4d3e-9f8a-7b6c5d4e3f2a',
        inputTokens: 10,
        cacheWrite5mTokens: 4_200,
        outputTokens: 35,
        sourceLine: 2,
      }),
    ]);
  });

  it('yields six distinct requests across all fixtures', () => {
    const keys = Object.values(FILES).flatMap((file) =>
      parseFixture(file).records.map((record) => record.dedupKey),
    );
    expect(new Set(keys).size).toBe(6);
  });
});

/** An assistant line as Claude Code writes it, with `usage` (and optionally other fields) replaced. */
function assistantLine(usage: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    cwd: '/home/ada/src/shop-api',
    sessionId: SESSION_A,
    message: {
      model: 'claude-opus-4-1',
      id: 'msg_x',
      type: 'message',
      role: 'assistant',
      content: [],
      usage,
    },
    requestId: 'req_x',
    type: 'assistant',
    uuid: 'f0f0f0f0-0000-4000-8000-000000000000',
    timestamp: '2026-10-05T12:00:00.000Z',
    ...extra,
  });
}

function parseOne(line: string) {
  return parseLines(
    claudeCodeAdapter,
    `{"type":"user","message":{"role":"user","content":"hi"}}\n${line}\n`,
    'inline.jsonl',
  );
}

const baseUsage = { input_tokens: 10, cache_read_input_tokens: 100, output_tokens: 20 };

describe('claude-code token mapping', () => {
  it.each([
    [
      'split short of the total: the rest has an unknown TTL',
      {
        ...baseUsage,
        cache_creation_input_tokens: 800,
        cache_creation: { ephemeral_5m_input_tokens: 500, ephemeral_1h_input_tokens: 200 },
      },
      { cacheWrite5mTokens: 500, cacheWrite1hTokens: 200, cacheWriteTokens: 100 },
    ],
    [
      'split without a total: the split is the total',
      { ...baseUsage, cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 40 } },
      { cacheWrite5mTokens: 300, cacheWrite1hTokens: 40, cacheWriteTokens: 0 },
    ],
    [
      'no split: 5-minute writes',
      { ...baseUsage, cache_creation_input_tokens: 700 },
      { cacheWrite5mTokens: 700, cacheWrite1hTokens: 0, cacheWriteTokens: 0 },
    ],
    [
      'no cache fields at all',
      baseUsage,
      { cacheReadTokens: 100, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheWriteTokens: 0 },
    ],
    [
      'thinking tokens: a subset of output',
      { ...baseUsage, output_tokens_details: { thinking_tokens: 15 } },
      { outputTokens: 20, reasoningTokens: 15 },
    ],
  ])('%s', (_case, usage, expected) => {
    const { records, problems } = parseOne(assistantLine(usage));
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ inputTokens: 10, outputTokens: 20, ...expected });
  });

  it('keeps an API error with a real model, as status error', () => {
    const { records } = parseOne(assistantLine(baseUsage, { isApiErrorMessage: true }));
    expect(records.map((record) => record.status)).toEqual(['error']);
  });

  it('reads a pretty-printed line the same as a compact one', () => {
    const compact = parseOne(assistantLine(baseUsage));
    const pretty = parseLines(
      claudeCodeAdapter,
      ` ${JSON.stringify(JSON.parse(assistantLine(baseUsage)), null, 1).replaceAll('\n', ' ')} `,
      'inline.jsonl',
    );
    expect(pretty.records.map((record) => ({ ...record, sourceLine: 2 }))).toEqual(compact.records);
  });
});

describe('claude-code problems', () => {
  it.each([
    [
      'a split larger than the total',
      assistantLine({
        ...baseUsage,
        cache_creation_input_tokens: 100,
        cache_creation: { ephemeral_5m_input_tokens: 90, ephemeral_1h_input_tokens: 30 },
      }),
      {
        field: 'message.usage.cache_creation',
        message:
          'expected ephemeral_5m_input_tokens + ephemeral_1h_input_tokens (120) not to exceed cache_creation_input_tokens (100)',
      },
    ],
    [
      'a negative count',
      assistantLine({ ...baseUsage, output_tokens: -3 }),
      { field: 'message.usage.output_tokens', message: 'expected a non-negative integer, got -3' },
    ],
    [
      'missing input_tokens',
      assistantLine({ output_tokens: 3 }),
      { field: 'message.usage.input_tokens', message: 'expected a non-negative integer, got nothing' },
    ],
    [
      'no timestamp',
      assistantLine(baseUsage, { timestamp: undefined }),
      { field: 'timestamp', message: 'expected an ISO 8601 timestamp or Unix seconds, got nothing' },
    ],
    [
      'usage that is not an object',
      assistantLine(42),
      { field: 'message.usage', message: 'expected an object, got 42' },
    ],
    [
      'thinking tokens above output',
      assistantLine({ ...baseUsage, output_tokens_details: { thinking_tokens: 21 } }),
      {
        field: 'message.usage.output_tokens_details.thinking_tokens',
        message: 'expected at most output_tokens (20), got 21',
      },
    ],
    ['a JSON array', '[1, 2]', { field: null, message: 'expected a JSON object' }],
    ['text that is not JSON', 'Killed', { field: null, message: 'not valid JSON (truncated line?)' }],
  ])('reports %s with its line', (_case, line, expected) => {
    expect(parseOne(line)).toEqual({
      records: [],
      problems: [{ file: 'inline.jsonl', line: 2, ...expected }],
    });
  });

  it('reports a last line cut right after a "}" (skipped unparsed, checked at the end)', () => {
    const whole = JSON.stringify({
      type: 'user',
      message: { role: 'user', content: [{ type: 'text', text: 'a' }] },
    });
    const cut = whole.slice(0, whole.indexOf('}') + 1);
    expect(parseOne(cut).problems).toEqual([
      { file: 'inline.jsonl', line: 2, field: null, message: 'not valid JSON (truncated line?)' },
    ]);
  });

  it('ignores blank lines and lines without usage', () => {
    const text = [
      '',
      '   ',
      '{"type":"summary","summary":"x","leafUuid":"u"}',
      '{"type":"user","toolUseResult":{"usage":{"input_tokens":5}}}',
      '{"type":"user","message":{"role":"user","content":"check the usage"}}',
      '',
    ].join('\n');
    expect(parseLines(claudeCodeAdapter, text, 'inline.jsonl')).toEqual({ records: [], problems: [] });
  });
});

describe('claude-code sniffing', () => {
  it.each(Object.values(FILES))('recognises %s', (file) => {
    const firstLines = readFileSync(file, 'utf8').split('\n').slice(0, 5);
    expect(claudeCodeAdapter.sniff(firstLines)).toBe(true);
  });

  it.each([
    [
      'generic JSONL',
      ['{"ts":"2026-10-01T00:00:00Z","provider":"openai","model":"gpt-4o","input_tokens":10}'],
    ],
    [
      'an OpenAI response',
      ['{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":3}}'],
    ],
    ['a CSV header', ['timestamp,model,input_tokens,output_tokens']],
    ['nothing', []],
  ])('rejects %s', (_case, firstLines) => {
    expect(claudeCodeAdapter.sniff(firstLines)).toBe(false);
  });
});
