import { describe, expect, it } from 'vitest';
import { geminiAdapter } from '../../src/ingest/gemini.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { firstLinesOf, parseFixture } from '../helpers/parse-fixture.ts';

const at = (iso: string): number => Date.parse(iso);

function geminiRecord(
  fields: Partial<UsageRecord> & Pick<UsageRecord, 'dedupKey' | 'occurredAtMs' | 'model' | 'sourceLine'>,
): UsageRecord {
  return { ...EMPTY_USAGE, provider: 'google-gemini', ...fields };
}

describe('gemini: responses.jsonl', () => {
  const { records, problems } = parseFixture(geminiAdapter, 'gemini/responses.jsonl');

  it('takes the cached part out of the prompt and adds thoughts and tool-use prompts', () => {
    expect(problems).toEqual([]);
    expect(records).toEqual([
      geminiRecord({
        dedupKey: 'google-gemini:mK3lZpXqJ8-bz7IPq4mW2A0',
        occurredAtMs: at('2026-11-02T09:15:00Z'),
        model: 'gemini-2.5-flash',
        inputTokens: 400,
        cacheReadTokens: 800,
        outputTokens: 550,
        reasoningTokens: 400,
        sourceLine: 1,
      }),
      // Two chunks of one stream: same key, the store keeps the larger.
      geminiRecord({
        dedupKey: 'google-gemini:nL4mAqYrK9-ca8JQr5nX3B1',
        occurredAtMs: at('2026-11-02T10:00:01Z'),
        model: 'gemini-2.5-flash',
        inputTokens: 3000,
        outputTokens: 20,
        sourceLine: 2,
      }),
      geminiRecord({
        dedupKey: 'google-gemini:nL4mAqYrK9-ca8JQr5nX3B1',
        occurredAtMs: at('2026-11-02T10:00:04Z'),
        model: 'gemini-2.5-flash',
        inputTokens: 3000,
        outputTokens: 260,
        sourceLine: 3,
      }),
      geminiRecord({
        dedupKey: 'google-vertex:oM5nBrZsL0-db9KRs6oY4C2',
        occurredAtMs: at('2026-11-03T16:45:12.346Z'),
        provider: 'google-vertex',
        model: 'gemini-2.5-pro',
        inputTokens: 5250,
        outputTokens: 2000,
        reasoningTokens: 1300,
        sourceLine: 4,
      }),
    ]);
  });
});

describe('gemini: batch-output.jsonl and broken.jsonl', () => {
  it('reads Vertex batch lines at the batch rate, dated by processed_time; failed lines give nothing', () => {
    const { records, problems } = parseFixture(geminiAdapter, 'gemini/batch-output.jsonl');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      geminiRecord({
        dedupKey: 'google-vertex:pN6oCsAtM1-ec0LSt7pZ5D3',
        occurredAtMs: at('2026-11-03T02:10:00Z'),
        provider: 'google-vertex',
        model: 'gemini-2.5-flash',
        inputTokens: 2000,
        outputTokens: 300,
        isBatch: true,
        sourceLine: 1,
      }),
      geminiRecord({
        dedupKey: 'google-vertex:qO7pDtBuN2-fd1MTu8qA6E4',
        occurredAtMs: at('2026-11-03T02:10:02Z'),
        provider: 'google-vertex',
        model: 'gemini-2.5-flash',
        inputTokens: 400,
        cacheReadTokens: 600,
        outputTokens: 150,
        reasoningTokens: 50,
        isBatch: true,
        sourceLine: 2,
      }),
    ]);
  });

  it('rejects a line without any timestamp, a cache larger than the prompt and missing usage', () => {
    const { records, problems } = parseFixture(geminiAdapter, 'gemini/broken.jsonl');
    expect(records.map((record) => record.sourceLine)).toEqual([1]);
    expect(problems.map((problem) => [problem.line, problem.field, problem.message])).toEqual([
      [
        2,
        'ts',
        'expected a timestamp, got nothing: Gemini API responses carry none; log each as {"ts":"<ISO 8601>","response":{…}} (Vertex AI responses have createTime)',
      ],
      [
        3,
        'response.usageMetadata.cachedContentTokenCount',
        'expected at most promptTokenCount (500), got 800',
      ],
      [4, 'response.usageMetadata', 'expected an object of token counts, got nothing'],
    ]);
  });

  it('sniffs response logs and batch output', () => {
    expect(geminiAdapter.sniff(firstLinesOf('gemini/responses.jsonl'))).toBe(true);
    expect(geminiAdapter.sniff(firstLinesOf('gemini/batch-output.jsonl'))).toBe(true);
  });
});
