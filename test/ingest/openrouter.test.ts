import { describe, expect, it } from 'vitest';
import { openrouterAdapter } from '../../src/ingest/openrouter.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { firstLinesOf, parseFixture, parseText } from '../helpers/parse-fixture.ts';

const at = (iso: string): number => Date.parse(iso);
const usd = (text: string) => ({ amountPico: decimalUsdToPico(text), currency: 'USD' });

function openrouterRecord(
  fields: Partial<UsageRecord> & Pick<UsageRecord, 'dedupKey' | 'occurredAtMs' | 'model' | 'sourceLine'>,
): UsageRecord {
  return { ...EMPTY_USAGE, provider: 'openrouter', ...fields };
}

describe('openrouter: activity.csv', () => {
  const { records, problems } = parseFixture(openrouterAdapter, 'openrouter/activity.csv');

  it('reads one record per generation from the native counts, with the stated cost', () => {
    expect(problems).toEqual([]);
    expect(records.slice(0, 3)).toEqual([
      openrouterRecord({
        dedupKey: 'openrouter:gen-1793610900-a1B2c3D4e5F6g7H8i9J0',
        occurredAtMs: at('2026-11-02T09:15:00.123Z'),
        model: 'anthropic/claude-sonnet-4.5',
        inputTokens: 400,
        cacheReadTokens: 800,
        outputTokens: 300,
        user: 'ada',
        apiKey: 'prod key',
        tags: { upstream: 'Anthropic', app: 'Support Bot' },
        reportedCost: usd('0.0042'),
        latencyMs: 5400,
        timeToFirstTokenMs: 800,
        sourceLine: 2,
      }),
      openrouterRecord({
        dedupKey: 'openrouter:gen-1793611200-K9j8H7g6F5e4D3c2B1a0',
        occurredAtMs: at('2026-11-02T09:20:00.456Z'),
        model: 'google/gemini-2.5-flash',
        inputTokens: 1000,
        outputTokens: 250,
        reasoningTokens: 120,
        user: 'bob',
        apiKey: 'prod key',
        tags: { upstream: 'Google AI Studio', app: 'Acme, Inc. dashboard' },
        reportedCost: usd('0.00345'),
        latencyMs: 5400,
        timeToFirstTokenMs: 800,
        sourceLine: 3,
      }),
      // A quoted newline in app_name: the row spans lines 4-5.
      openrouterRecord({
        dedupKey: 'openrouter:gen-1793614800-Zz9Yy8Xx7Ww6Vv5Uu4Tt',
        occurredAtMs: at('2026-11-02T10:20:00Z'),
        model: 'meta-llama/llama-3.3-70b-instruct:free',
        inputTokens: 520,
        outputTokens: 110,
        apiKey: 'dev key',
        tags: { upstream: 'Together', app: 'Notebook\n(beta)' },
        reportedCost: usd('0'),
        latencyMs: 5400,
        timeToFirstTokenMs: 800,
        sourceLine: 4,
      }),
    ]);
  });

  it('gives the repeated row the same key and tags BYOK usage', () => {
    expect(records[3]?.dedupKey).toBe(records[0]?.dedupKey);
    expect(records[4]).toMatchObject({
      inputTokens: 1976,
      cacheReadTokens: 1024,
      tags: { byokUsd: '0.0021' },
    });
  });
});

describe('openrouter: generations.jsonl, by-model.csv, broken.csv', () => {
  it('reads /generation responses under the same key as the activity export', () => {
    const { records, problems } = parseFixture(openrouterAdapter, 'openrouter/generations.jsonl');
    expect(problems).toEqual([]);
    expect(records[0]).toEqual(
      openrouterRecord({
        dedupKey: 'openrouter:gen-1793610900-a1B2c3D4e5F6g7H8i9J0',
        occurredAtMs: at('2026-11-02T09:15:00.123Z'),
        model: 'anthropic/claude-sonnet-4.5',
        inputTokens: 400,
        cacheReadTokens: 800,
        outputTokens: 300,
        user: 'ada',
        tags: { upstream: 'Anthropic' },
        reportedCost: usd('0.0042'),
        // generation_time and latency (OpenRouter's name for the time to the first token), in ms.
        latencyMs: 5400,
        timeToFirstTokenMs: 812,
        sourceLine: 1,
      }),
    );
    expect(records[1]).toMatchObject({ inputTokens: 1000, cacheReadTokens: 4000, session: 'sess-0193' });
    // Native counts null: the normalized ones are read, and the record says so.
    expect(records[2]).toMatchObject({
      inputTokens: 800,
      outputTokens: 100,
      tags: { tokenCounts: 'normalized' },
    });
  });

  it('reads the by-model export as one aggregate per day and model', () => {
    const { records, problems } = parseFixture(openrouterAdapter, 'openrouter/by-model.csv');
    expect(problems).toEqual([]);
    expect(records[1]).toEqual(
      openrouterRecord({
        dedupKey: 'openrouter-daily:2026-11-01 00:00:00:google/gemini-2.5-flash',
        occurredAtMs: at('2026-11-01T00:00:00Z'),
        model: 'google/gemini-2.5-flash',
        requests: 17,
        inputTokens: 80000,
        outputTokens: 12000,
        reasoningTokens: 4000,
        reportedCost: usd('0.3'),
        sourceLine: 3,
      }),
    );
    expect(records.reduce((sum, record) => sum + (record.requests ?? 0), 0)).toBe(94);
  });

  it('reports bad cells, short rows and an unclosed quote with their lines', () => {
    const { records, problems } = parseFixture(openrouterAdapter, 'openrouter/broken.csv');
    expect(records.map((record) => record.sourceLine)).toEqual([2]);
    expect(problems.map((problem) => [problem.line, problem.field, problem.message])).toEqual([
      [3, 'tokens_prompt', 'expected a non-negative integer, got "abc"'],
      [4, 'created_at', 'expected an ISO 8601 timestamp or Unix seconds, got "yesterday"'],
      [5, null, 'expected 24 fields as in the header, got 5'],
      [6, null, 'a quoted field is not closed before the end of the file'],
    ]);
  });

  it('reads timing in ms from both per-generation formats, none from the by-model export', () => {
    const csv =
      'generation_id,created_at,cost_total,tokens_prompt,tokens_completion,model_permaslug,generation_time_ms,time_to_first_token_ms\n' +
      'gen-1,2026-11-02 09:15:00.000,0.001,10,2,openai/gpt-4o,1500,\n' +
      'gen-2,2026-11-02 09:16:00.000,0.001,10,2,openai/gpt-4o,-3,90000000\n';
    const { records, problems } = parseText(openrouterAdapter, csv, 'activity.csv');
    expect(records.map((record) => [record.latencyMs, record.timeToFirstTokenMs])).toEqual([[1500, null]]);
    expect(problems.map((problem) => [problem.line, problem.field, problem.message])).toEqual([
      [3, 'generation_time_ms', 'expected a duration from 0 to 3600000 ms, got "-3"'],
      [3, 'time_to_first_token_ms', 'expected a duration from 0 to 3600000 ms, got "90000000"'],
    ]);
    const generation =
      '{"data":{"id":"gen-3","created_at":"2026-11-02T09:15:00Z","model":"openai/gpt-4o","native_tokens_prompt":10,' +
      '"native_tokens_completion":2,"total_cost":0.001,"latency":null,"generation_time":640.4}}';
    expect(parseText(openrouterAdapter, generation, 'g.jsonl').records[0]).toMatchObject({
      latencyMs: 640,
      timeToFirstTokenMs: null,
    });
    const daily = parseFixture(openrouterAdapter, 'openrouter/by-model.csv').records;
    expect(daily.every((record) => record.latencyMs === null && record.timeToFirstTokenMs === null)).toBe(
      true,
    );
  });

  it('sniffs all three exports', () => {
    for (const fixture of ['activity.csv', 'generations.jsonl', 'by-model.csv', 'broken.csv'])
      expect(openrouterAdapter.sniff(firstLinesOf(`openrouter/${fixture}`))).toBe(true);
  });
});
