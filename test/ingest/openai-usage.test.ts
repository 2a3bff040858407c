import { describe, expect, it } from 'vitest';
import { openaiUsageAdapter } from '../../src/ingest/openai-usage.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { parseFixture, parseText } from '../helpers/parse-fixture.ts';
import { sumUsage } from '../helpers/sum-usage.ts';

const at = (iso: string): number => Date.parse(iso);
const NOV_1 = 1_793_491_200;
const DAY = 86_400;

describe('openai-usage: one pretty-printed completions page (curl output, no final newline)', () => {
  const { records, problems } = parseFixture(openaiUsageAdapter, 'openai-usage/completions-2026-11-01.json');

  it('reads each result of each bucket at its own line; the empty bucket gives nothing', () => {
    expect(problems).toEqual([]);
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual({
      ...EMPTY_USAGE,
      dedupKey: `openai-usage:completions:${NOV_1}-${NOV_1 + DAY}:project_id="proj_support",model="gpt-4o-2024-08-06"`,
      occurredAtMs: at('2026-11-01T00:00:00Z'),
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      requests: 310,
      inputTokens: 80_000,
      cacheReadTokens: 40_000,
      outputTokens: 18_000,
      project: 'proj_support',
      tags: { endpoint: 'completions' },
      sourceLine: 9,
    } satisfies UsageRecord);
    expect(records.map((record) => record.sourceLine)).toEqual([9, 33, 57, 94]);
    expect(records[3]?.occurredAtMs).toBe(at('2026-11-03T00:00:00Z'));
  });

  it('makes token classes disjoint: uncached = input_tokens − cached − cache writes', () => {
    expect(records[2]).toMatchObject({
      model: 'o3-2025-04-16',
      inputTokens: 16_000,
      cacheReadTokens: 12_000,
      cacheWriteTokens: 2_000,
    });
    const sums = sumUsage(records);
    // The API's input_tokens of the four rows: 120,000 + 56,000 + 30,000 + 90,000.
    expect(sums.inputTokens + sums.cacheReadTokens + sums.cacheWriteTokens).toBe(296_000);
    expect(sums).toMatchObject({ inputTokens: 212_000, outputTokens: 64_100, requests: 725 });
  });
});

describe('openai-usage: the same buckets in other layouts', () => {
  const pretty = parseFixture(openaiUsageAdapter, 'openai-usage/completions-2026-11-01.json').records;
  const jsonl = parseFixture(openaiUsageAdapter, 'openai-usage/completions-pages.jsonl');
  const csv = parseFixture(openaiUsageAdapter, 'openai-usage/completions_usage_2026-11-01_2026-11-05.csv');

  it('reads a JSONL of pages: page 1 has the keys of the pretty-printed copy, page 2 adds two', () => {
    expect(jsonl.problems).toEqual([]);
    expect(jsonl.records.map((record) => record.dedupKey).slice(0, 4)).toEqual(
      pretty.map((record) => record.dedupKey),
    );
    expect(jsonl.records.map((record) => record.sourceLine)).toEqual([1, 1, 1, 1, 2, 2]);
  });

  it('reads the dashboard CSV export (floats for integers, empty bucket rows) as the same records', () => {
    expect(csv.problems).toEqual([]);
    const withoutLines = (records: readonly UsageRecord[]) =>
      records.map((record) => ({ ...record, sourceLine: 0 }));
    expect(withoutLines(csv.records)).toEqual(withoutLines(jsonl.records));
  });

  it('reads a JSON array of pages from other endpoints', () => {
    const { records, problems } = parseFixture(openaiUsageAdapter, 'openai-usage/other-endpoints.json');
    expect(problems).toEqual([]);
    expect(
      records.map(({ model, requests, inputTokens, webSearchRequests, isBatch, tags }) => ({
        model,
        requests,
        inputTokens,
        webSearchRequests,
        isBatch,
        tags,
      })),
    ).toEqual([
      {
        model: 'text-embedding-3-small',
        requests: 1200,
        inputTokens: 500_000,
        webSearchRequests: 0,
        isBatch: false,
        tags: { endpoint: 'embeddings' },
      },
      {
        model: 'gpt-image-1',
        requests: 12,
        inputTokens: 0,
        webSearchRequests: 0,
        isBatch: false,
        tags: { endpoint: 'images', size: '1024x1024', source: 'image.generation', images: '12' },
      },
      // Its 40 model requests are the completions endpoint's: here only the 55 search calls count.
      {
        model: 'gpt-4o-2024-08-06',
        requests: 0,
        inputTokens: 0,
        webSearchRequests: 55,
        isBatch: false,
        tags: { endpoint: 'web_searches', context_level: 'medium' },
      },
      {
        model: 'gpt-4o-mini-2024-07-18',
        requests: 1000,
        inputTokens: 200_000,
        webSearchRequests: 0,
        isBatch: true,
        tags: { endpoint: 'completions' },
      },
      {
        model: 'gpt-4o-mini-2024-07-18',
        requests: 50,
        inputTokens: 10_000,
        webSearchRequests: 0,
        isBatch: false,
        tags: { endpoint: 'completions' },
      },
    ]);
    // Grouped by batch: the key says so, so these never collide with an export not grouped by it.
    expect(records[3]?.dedupKey).toMatch(/:model="gpt-4o-mini-2024-07-18",batch=true$/);
    expect(records[4]?.dedupKey).toMatch(/:model="gpt-4o-mini-2024-07-18",batch=false$/);
  });

  it('names an export that is not grouped at all "(all models)" and keys it (all)', () => {
    const page = {
      object: 'page',
      data: [
        {
          object: 'bucket',
          start_time: NOV_1,
          end_time: NOV_1 + DAY,
          results: [
            {
              object: 'organization.usage.completions.result',
              input_tokens: 10,
              output_tokens: 2,
              num_model_requests: 1,
            },
          ],
        },
      ],
    };
    const { records } = parseText(openaiUsageAdapter, JSON.stringify(page), 'one.json');
    expect(records[0]).toMatchObject({
      model: '(all models)',
      dedupKey: `openai-usage:completions:${NOV_1}-${NOV_1 + DAY}:(all)`,
    });
  });
});

describe('openai-usage: broken.json', () => {
  const { records, problems } = parseFixture(openaiUsageAdapter, 'openai-usage/broken.json');

  it('keeps the good row and reports each bad one at its line', () => {
    expect(records.map((record) => record.sourceLine)).toEqual([9]);
    expect(problems.map(({ line, field }) => [line, field])).toEqual([
      [33, 'data[0].results[1].input_tokens'],
      [57, 'data[0].results[2].input_cached_tokens'],
      [83, 'data[1].start_time'],
      [119, 'data[2].results[0].object'],
      [128, 'data[2].results[1].num_model_requests'],
    ]);
    expect(problems[3]?.message).toBe(
      'expected "organization.usage.<endpoint>.result", got "organization.costs.result" (a Costs API page: use --from openai-costs)',
    );
  });

  it('checks input_uncached_tokens against the derived count', () => {
    const row = {
      object: 'organization.usage.completions.result',
      input_tokens: 100,
      input_cached_tokens: 40,
      input_uncached_tokens: 70,
      output_tokens: 5,
      num_model_requests: 1,
    };
    const page = {
      object: 'page',
      data: [{ object: 'bucket', start_time: NOV_1, end_time: NOV_1 + DAY, results: [row] }],
    };
    const { records, problems } = parseText(openaiUsageAdapter, JSON.stringify(page), 'one.json');
    expect(records).toEqual([]);
    expect(problems).toEqual([
      {
        file: 'one.json',
        line: 1,
        field: 'data[0].results[0].input_uncached_tokens',
        message: 'expected input_tokens - input_cached_tokens - input_cache_write_tokens (60), got 70',
      },
    ]);
  });

  it('refuses a cost CSV and a CSV of unknown columns with one problem at the header', () => {
    expect(
      parseText(openaiUsageAdapter, 'start_time,end_time,amount_value\n1,2,3\n', 'c.csv').problems,
    ).toEqual([
      {
        file: 'c.csv',
        line: 1,
        field: null,
        message: 'expected a usage CSV export, got a cost export (amount_value): use --from openai-costs',
      },
    ]);
    expect(parseText(openaiUsageAdapter, 'a,b\n1,2\n', 'c.csv').problems).toHaveLength(1);
  });
});

describe('openai-usage: sniff', () => {
  it.each([
    ['{"object":"page","data":[{"object":"bucket","start_time":1,"end_time":2,"results":[]}]}', true],
    ['start_time,end_time,start_time_iso,end_time_iso', true],
    ['start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency', false],
    [
      '{"object":"page","data":[{"object":"bucket","results":[{"object":"organization.costs.result"}]}]}',
      false,
    ],
    ['{"data":[{"starting_at":"2026-11-01T00:00:00Z","results":[]}]}', false],
  ])('%s → %s', (line, expected) => {
    expect(openaiUsageAdapter.sniff([line])).toBe(expected);
  });
});
