import { describe, expect, it } from 'vitest';
import { bucketDedupKey } from '../../src/ingest/bucket-dedup-key.ts';
import { collectGroupings, findGroupingConflict, readBucketKey } from '../../src/ingest/bucket-grouping.ts';

const DAY = Date.UTC(2026, 10, 3);
const DAY_MS = 86_400_000;
const key = (startMs: number, endMs: number, dimensions: [string, string | null][]) =>
  bucketDedupKey('anthropic-usage', startMs, endMs, dimensions);

describe('readBucketKey', () => {
  it.each([
    [
      key(DAY, DAY + DAY_MS, [
        ['model', 'm'],
        ['api_key_id', null],
      ]),
      ['model'],
    ],
    [
      key(DAY, DAY + DAY_MS, [
        ['model', 'a,b="c"'],
        ['api_key_id', 'k=1'],
      ]),
      ['model', 'api_key_id'],
    ],
    [key(DAY, DAY + DAY_MS, []), []],
  ])('reads the dimension names of %s', (dedupKey, dimensions) => {
    expect(readBucketKey(dedupKey)).toEqual({
      report: 'anthropic-usage',
      startMs: DAY,
      endMs: DAY + DAY_MS,
      dimensions,
    });
  });

  it('keeps the endpoint in the report name and ignores request-level keys', () => {
    expect(readBucketKey('openai-usage:completions:1762128000-1762214400:model="gpt-4o"')?.report).toBe(
      'openai-usage:completions',
    );
    expect(readBucketKey('claude-code:msg_01:req_01')).toBeNull();
  });
});

describe('findGroupingConflict', () => {
  const byModel = [
    key(DAY, DAY + DAY_MS, [['model', 'sonnet']]),
    key(DAY, DAY + DAY_MS, [['model', 'haiku']]),
    key(DAY + DAY_MS, DAY + 2 * DAY_MS, [['model', 'sonnet']]),
  ];
  const stored = (path: string, keys: readonly string[]) => keys.map((dedupKey) => ({ path, dedupKey }));

  it('finds an export of the same days grouped by other dimensions', () => {
    const [file] = collectGroupings([
      key(DAY, DAY + DAY_MS, [
        ['model', 'sonnet'],
        ['api_key_id', 'k1'],
      ]),
      key(DAY, DAY + DAY_MS, [
        ['model', 'haiku'],
        ['api_key_id', null],
      ]),
    ]);
    expect(file && findGroupingConflict(file, stored('/by-model.json', byModel))).toEqual({
      report: 'anthropic-usage',
      storedPath: '/by-model.json',
      fileGrouping: 'by api_key_id, model; 1-day buckets',
      storedGrouping: 'by model; 1-day buckets',
    });
  });

  it('finds hourly buckets over stored daily ones', () => {
    const [file] = collectGroupings([key(DAY + 3_600_000, DAY + 7_200_000, [['model', 'sonnet']])]);
    expect(file && findGroupingConflict(file, stored('/by-model.json', byModel))?.fileGrouping).toBe(
      'by model; 1-hour buckets',
    );
  });

  it.each([
    ['the same grouping (a re-export)', [key(DAY, DAY + DAY_MS, [['model', 'opus']])]],
    ['another report', [bucketDedupKey('anthropic-cost', DAY, DAY + DAY_MS, [])]],
    [
      'other days',
      [
        key(DAY + 5 * DAY_MS, DAY + 6 * DAY_MS, [
          ['model', 'x'],
          ['api_key_id', 'k'],
        ]),
      ],
    ],
  ])('finds none for %s', (_, keys) => {
    const [file] = collectGroupings(keys);
    expect(file && findGroupingConflict(file, stored('/by-model.json', byModel))).toBeNull();
  });
});
