import { describe, expect, it } from 'vitest';
import { parseCanonicalUtc, parseInstant } from '../../src/ingest/parse-instant.ts';

describe('parseInstant', () => {
  it.each([
    ['2026-10-01T12:00:00Z', '2026-10-01T12:00:00.000Z'],
    ['2026-10-01T12:00:00.123456Z', '2026-10-01T12:00:00.123Z'],
    ['2026-10-01T12:00:00+02:00', '2026-10-01T10:00:00.000Z'],
    ['2026-10-01T12:00:00-0530', '2026-10-01T17:30:00.000Z'],
    ['2026-10-01 12:00:00.500', '2026-10-01T12:00:00.500Z'],
    ['2026-10-01', '2026-10-01T00:00:00.000Z'],
    [1759320000, '2025-10-01T12:00:00.000Z'],
    [1759320000.25, '2025-10-01T12:00:00.250Z'],
    ['1759320000', '2025-10-01T12:00:00.000Z'],
    [1759320000123, '2025-10-01T12:00:00.123Z'],
  ])('%j → %s', (input, expected) => {
    expect(new Date(parseInstant(input) ?? Number.NaN).toISOString()).toBe(expected);
  });

  it.each([['yesterday'], ['2026-02-30'], ['2026-13-01'], [null], [-5], [{}], ['']])(
    'refuses %j',
    (input) => {
      expect(parseInstant(input)).toBeNull();
    },
  );
});

describe('parseCanonicalUtc (the fast path)', () => {
  it.each([
    '2026-11-02T09:15:00Z',
    '2026-11-02T09:15:00.123Z',
    '2024-02-29T23:59:59.999Z',
    '1970-01-01T00:00:00.000Z',
    '2000-02-29T00:00:00Z',
  ])('reads %s as Date.parse does', (text) => {
    expect(parseCanonicalUtc(text)).toBe(Date.parse(text));
  });

  it.each([
    '2023-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-02T24:00:00Z',
    '2026-11-02T09:60:00Z',
    '2026-11-02T09:15:00.1234Z',
    '2026-11-02 09:15:00.123Z',
    '2026-11-02T09:15:00+01:00',
    '2026-1x-02T09:15:00.000Z',
    '',
  ])('leaves %j to the general rules', (text) => {
    expect(parseCanonicalUtc(text)).toBeNull();
  });
});
