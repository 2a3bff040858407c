import { describe, expect, it } from 'vitest';
import { langfuseAdapter } from '../../src/ingest/langfuse.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { firstLinesOf, parseFixture, parseText } from '../helpers/parse-fixture.ts';

const at = (iso: string): number => Date.parse(iso);
const usd = (text: string) => ({ amountPico: decimalUsdToPico(text), currency: 'USD' });
const TRACE_TAGS = { trace: 'support-chat', environment: 'production', release: '2026.11.1' };

describe('langfuse: observations-v2.json (an API page, pretty-printed)', () => {
  const { records, problems } = parseFixture(langfuseAdapter, 'langfuse/observations-v2.json');

  it('reads generations (not spans) with disjoint classes and reasoning added back into output', () => {
    expect(problems).toEqual([]);
    expect(records[0]).toEqual({
      ...EMPTY_USAGE,
      dedupKey: 'langfuse:obs-gen-01',
      occurredAtMs: at('2026-11-02T09:15:00Z'),
      provider: 'langfuse',
      model: 'gpt-4o-2024-08-06',
      inputTokens: 400,
      cacheReadTokens: 600,
      outputTokens: 150,
      user: 'ada',
      session: 'sess-12',
      tags: { beta: 'true', ...TRACE_TAGS },
      reportedCost: usd('0.00325'),
      latencyMs: 3200,
      timeToFirstTokenMs: 640,
      sourceLine: 31,
    } satisfies UsageRecord);
    expect(
      records
        .slice(1)
        .map((record) => [
          record.dedupKey,
          record.inputTokens,
          record.cacheReadTokens,
          record.cacheWriteTokens,
          record.outputTokens,
          record.reasoningTokens,
          record.status,
        ]),
    ).toEqual([
      ['langfuse:obs-gen-02', 120, 9000, 1500, 480, 0, 'ok'],
      ['langfuse:obs-gen-03', 904, 4096, 0, 1800, 1536, 'ok'],
      ['langfuse:obs-gen-04', 0, 0, 0, 0, 0, 'error'],
    ]);
  });
});

describe('langfuse: observations-v1.jsonl, snake_case exports, broken.jsonl', () => {
  it('reads the legacy shape under the same ids as v2 (usageDetails when present, else usage)', () => {
    const { records, problems } = parseFixture(langfuseAdapter, 'langfuse/observations-v1.jsonl');
    expect(problems).toEqual([]);
    expect(
      records.map((record) => [
        record.dedupKey,
        record.inputTokens,
        record.cacheReadTokens,
        record.outputTokens,
        record.reportedCost,
      ]),
    ).toEqual([
      ['langfuse:obs-gen-01', 400, 600, 150, usd('0.00325')],
      ['langfuse:obs-gen-02', 10620, 0, 480, usd('0.015885')],
      ['langfuse:obs-gen-05', 800, 0, 60, usd('0.000156')],
    ]);
  });

  it('reads the blob-storage export in snake_case', () => {
    const line =
      '{"id":"obs-1","trace_id":"t","type":"GENERATION","start_time":"2026-11-02T09:00:00Z","provided_model_name":"gpt-4o",' +
      '"usage_details":{"input":10,"input_cache_write_1h":5,"output":3},"total_cost":0.0001,"user_id":"ada"}';
    expect(parseText(langfuseAdapter, line, 'blob.jsonl').records[0]).toMatchObject({
      model: 'gpt-4o',
      inputTokens: 10,
      cacheWrite1hTokens: 5,
      outputTokens: 3,
      user: 'ada',
      reportedCost: usd('0.0001'),
    });
  });

  it('times observations from startTime to endTime and to completionStartTime (snake_case too)', () => {
    const { records } = parseFixture(langfuseAdapter, 'langfuse/observations-v2.json');
    // obs-gen-02 has an end but no completionStartTime: latency known, time to first token null.
    expect(records.map((record) => [record.latencyMs, record.timeToFirstTokenMs])).toEqual([
      [3200, 640],
      [9000, null],
      [41000, null],
      [400, null],
    ]);
    const line =
      '{"id":"o1","trace_id":"t1","type":"GENERATION","start_time":"2026-11-02T09:00:00Z","end_time":"2026-11-02T08:00:00Z",' +
      '"provided_model_name":"gpt-4o","usage_details":{"input":10,"output":2}}';
    expect(parseText(langfuseAdapter, line, 'blob.jsonl').problems.map((problem) => problem.field)).toEqual([
      'endTime',
    ]);
  });

  it('reports bad usage, times and lines', () => {
    const { records, problems } = parseFixture(langfuseAdapter, 'langfuse/broken.jsonl');
    expect(records.map((record) => record.sourceLine)).toEqual([1]);
    expect(problems.map((problem) => [problem.line, problem.field])).toEqual([
      [2, 'usageDetails.output'],
      [3, 'startTime'],
      [4, null],
    ]);
  });

  it('sniffs v2 pages, v1 lines and exports', () => {
    expect(
      ['observations-v2.json', 'observations-v1.jsonl', 'broken.jsonl'].map((fixture) =>
        langfuseAdapter.sniff(firstLinesOf(`langfuse/${fixture}`, 40)),
      ),
    ).toEqual([true, true, true]);
  });
});
