import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/ingest/parse-instant.ts';
import { parseUtcTimestamp } from '../../src/ingest/parse-utc-timestamp.ts';

describe('parseUtcTimestamp', () => {
  it.each([
    '2026-11-02T09:15:00Z',
    '2026-11-02T09:15:00.123Z',
    '2026-11-02T09:15:00.999Z',
    '2024-02-29T23:59:59Z',
    '2023-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-11-00T00:00:00Z',
    '2026-11-02T24:00:00Z',
    '2026-11-02T09:60:00Z',
    '2026-11-02T09:15:60Z',
    '2026-11-02T09:15:00z',
    '2026-11-02T09:15:00.1234Z',
    '2026-11-02T09:15:00.12Z',
    '2026-11-02 09:15:00.123Z',
    '2026-11-02T09:15:00+01:00',
    '2026-1x-02T09:15:00.000Z',
    '1793610900',
    '',
  ])('agrees with parseInstant on %j', (text) => {
    expect(parseUtcTimestamp(text)).toBe(parseInstant(text));
  });

  it.each([1793610900, 1793610900.5, 1793610900123, -1, null, undefined])(
    'agrees with parseInstant on %j',
    (value) => {
      expect(parseUtcTimestamp(value)).toBe(parseInstant(value));
    },
  );
});
