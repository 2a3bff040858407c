import { describe, expect, it } from 'vitest';
import { periodOf } from '../../src/analysis/period.ts';

const at = (iso: string): number => Date.parse(iso);

describe('periodOf', () => {
  it.each([
    ['2026-10-01T23:30:00Z', 'day', 'UTC', '2026-10-01', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01T23:30:00Z', 'day', 'Europe/Berlin', '2026-10-02', '2026-10-01T22:00:00.000Z'],
    ['2026-10-01T23:30:00Z', 'day', 'America/Los_Angeles', '2026-10-01', '2026-10-01T07:00:00.000Z'],
    ['2026-10-01T20:10:00Z', 'day', 'Asia/Kolkata', '2026-10-02', '2026-10-01T18:30:00.000Z'],
    ['2026-10-01T23:30:00Z', 'hour', 'Asia/Kolkata', '2026-10-02 05:00', '2026-10-01T23:30:00.000Z'],
    ['2026-10-15T10:00:00Z', 'month', 'UTC', '2026-10', '2026-10-01T00:00:00.000Z'],
    ['2026-01-01T10:00:00Z', 'week', 'UTC', '2026-W01', '2025-12-29T00:00:00.000Z'],
    ['2027-01-01T10:00:00Z', 'week', 'UTC', '2026-W53', '2026-12-28T00:00:00.000Z'],
    ['2026-03-29T12:00:00Z', 'day', 'Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z'],
  ] as const)('%s by %s in %s is %s starting %s', (instant, unit, zone, label, start) => {
    const period = periodOf(at(instant), unit, zone);
    expect(period.label).toBe(label);
    expect(new Date(period.startMs ?? 0).toISOString()).toBe(start);
  });

  it('puts everything in one period for none', () => {
    expect(periodOf(at('2026-10-01T00:00:00Z'), 'none', 'UTC')).toEqual({ label: 'all', startMs: null });
  });
});
