import { describe, expect, it } from 'vitest';
import { parseCanonicalInstant } from '../../src/ingest/parse-canonical-instant.ts';
import { parseInstant } from '../../src/ingest/parse-instant.ts';

describe('parseCanonicalInstant', () => {
  it.each([
    '2026-10-05T09:14:03.120Z',
    '2024-02-29T23:59:59.999Z',
    '1970-01-01T00:00:00.000Z',
    '2000-12-31T12:00:00.001Z',
  ])('agrees with parseInstant on %s', (text) => {
    expect(parseCanonicalInstant(text)).toBe(parseInstant(text));
  });

  it('reads the instant toISOString wrote', () => {
    expect(parseCanonicalInstant(new Date(1_759_655_643_120).toISOString())).toBe(1_759_655_643_120);
  });

  it.each([
    '2026-10-05T09:14:03Z',
    '2026-10-05T09:14:03.120+00:00',
    '2026-10-05 09:14:03.120Z',
    '2026-13-05T09:14:03.120Z',
    '2025-02-29T09:14:03.120Z',
    '2026-10-05T24:00:00.000Z',
    '2026-10-05T09:60:03.120Z',
    '2026-1O-05T09:14:03.120Z',
    '',
  ])('leaves %j to parseInstant', (text) => {
    expect(parseCanonicalInstant(text)).toBeNull();
  });
});
