import { describe, expect, it } from 'vitest';
import { applyRollover } from '../../src/analysis/apply-rollover.ts';
import {
  budgetPeriodAt,
  nominalPeriodMilliHours,
  pastBudgetPeriods,
} from '../../src/analysis/budget-period.ts';
import type { BudgetPeriod } from '../../src/model/budget.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const calendar = (
  unit: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly',
): BudgetPeriod => ({
  kind: 'calendar',
  unit,
});
const windowOf = (period: BudgetPeriod, instant: string, zone: string) => {
  const window = budgetPeriodAt(period, at(instant), zone);
  return { label: window.label, start: iso(window.startMs), end: iso(window.endMs) };
};

describe('budgetPeriodAt: calendar periods aligned in a zone', () => {
  it.each([
    // [unit, instant, zone, label, start, end]
    [
      'monthly',
      '2026-11-18T10:00:00Z',
      'UTC',
      '2026-11',
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ],
    // 23:30 UTC on Oct 31 is already November 1 in Berlin (UTC+1 after the change back).
    [
      'monthly',
      '2026-10-31T23:30:00Z',
      'Europe/Berlin',
      '2026-11',
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
    ],
    // The month holding the DST change: it starts at +2 and ends at +1.
    [
      'monthly',
      '2026-10-15T12:00:00Z',
      'Europe/Berlin',
      '2026-10',
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
    ],
    [
      'monthly',
      '2026-11-18T10:00:00Z',
      'America/Los_Angeles',
      '2026-11',
      '2026-11-01T07:00:00.000Z',
      '2026-12-01T08:00:00.000Z',
    ],
    // Month ends: February of a leap year has 29 days, of a common year 28.
    [
      'monthly',
      '2028-02-29T12:00:00Z',
      'UTC',
      '2028-02',
      '2028-02-01T00:00:00.000Z',
      '2028-03-01T00:00:00.000Z',
    ],
    [
      'monthly',
      '2027-02-28T23:59:59Z',
      'UTC',
      '2027-02',
      '2027-02-01T00:00:00.000Z',
      '2027-03-01T00:00:00.000Z',
    ],
    [
      'monthly',
      '2026-12-31T23:00:00Z',
      'UTC',
      '2026-12',
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    [
      'quarterly',
      '2026-11-18T10:00:00Z',
      'UTC',
      '2026-Q4',
      '2026-10-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    [
      'quarterly',
      '2026-03-31T22:30:00Z',
      'Asia/Tokyo',
      '2026-Q2',
      '2026-03-31T15:00:00.000Z',
      '2026-06-30T15:00:00.000Z',
    ],
    ['yearly', '2028-07-01T00:00:00Z', 'UTC', '2028', '2028-01-01T00:00:00.000Z', '2029-01-01T00:00:00.000Z'],
    [
      'yearly',
      '2026-12-31T23:30:00Z',
      'Asia/Kolkata',
      '2027',
      '2026-12-31T18:30:00.000Z',
      '2027-12-31T18:30:00.000Z',
    ],
    // ISO weeks: Monday first; the week of 2026-12-31 is 2026-W53, of 2027-01-04 2027-W01.
    [
      'weekly',
      '2026-11-18T10:00:00Z',
      'UTC',
      '2026-W47',
      '2026-11-16T00:00:00.000Z',
      '2026-11-23T00:00:00.000Z',
    ],
    [
      'weekly',
      '2026-12-31T10:00:00Z',
      'UTC',
      '2026-W53',
      '2026-12-28T00:00:00.000Z',
      '2027-01-04T00:00:00.000Z',
    ],
    // The week of the spring-forward Sunday is one hour short in New York.
    [
      'weekly',
      '2026-03-08T12:00:00Z',
      'America/New_York',
      '2026-W10',
      '2026-03-02T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ],
    // DST days: 23 hours in spring, 25 in autumn.
    [
      'daily',
      '2026-03-29T12:00:00Z',
      'Europe/Berlin',
      '2026-03-29',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ],
    [
      'daily',
      '2026-10-25T12:00:00Z',
      'Europe/Berlin',
      '2026-10-25',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
    ],
    [
      'hourly',
      '2026-11-18T10:42:13Z',
      'UTC',
      '2026-11-18 10:00',
      '2026-11-18T10:00:00.000Z',
      '2026-11-18T11:00:00.000Z',
    ],
    [
      'hourly',
      '2026-11-18T10:42:13Z',
      'Asia/Kolkata',
      '2026-11-18 16:00',
      '2026-11-18T10:30:00.000Z',
      '2026-11-18T11:30:00.000Z',
    ],
  ] as const)('%s at %s in %s is %s', (unit, instant, zone, label, start, end) => {
    expect(windowOf(calendar(unit), instant, zone)).toEqual({ label, start, end });
  });

  it('the repeated hour of a fall-back night is two periods of 60 minutes, labelled with their offsets', () => {
    const first = windowOf(calendar('hourly'), '2026-10-25T00:30:00Z', 'Europe/Berlin');
    const second = windowOf(calendar('hourly'), '2026-10-25T01:30:00Z', 'Europe/Berlin');
    expect(first).toEqual({
      label: '2026-10-25 02:00+02:00',
      start: '2026-10-25T00:00:00.000Z',
      end: '2026-10-25T01:00:00.000Z',
    });
    expect(second).toEqual({
      label: '2026-10-25 02:00+01:00',
      start: '2026-10-25T01:00:00.000Z',
      end: '2026-10-25T02:00:00.000Z',
    });
    // The hours around it keep plain labels; a half-hour offset is written out too (Adelaide, April).
    expect(windowOf(calendar('hourly'), '2026-10-24T23:30:00Z', 'Europe/Berlin').label).toBe(
      '2026-10-25 01:00',
    );
    expect(windowOf(calendar('hourly'), '2026-10-25T02:30:00Z', 'Europe/Berlin').label).toBe(
      '2026-10-25 03:00',
    );
    expect(windowOf(calendar('hourly'), '2026-04-04T15:30:00Z', 'Australia/Adelaide').label).toBe(
      '2026-04-05 02:00+10:30',
    );
  });

  it.each([
    ['UTC', '2026-11-18T10:00:00Z'],
    ['Europe/Berlin', '2026-03-29T12:00:00Z'],
    ['America/New_York', '2026-11-01T12:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-05T12:00:00Z'],
  ])('consecutive periods tile time with no gap or overlap (%s)', (zone, instant) => {
    for (const unit of ['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const) {
      const period = calendar(unit);
      const window = budgetPeriodAt(period, at(instant), zone);
      const past = pastBudgetPeriods(period, window, zone, 6);
      expect(past).toHaveLength(6);
      const all = [...past, window];
      for (let index = 1; index < all.length; index++)
        expect(all[index]!.startMs).toBe(all[index - 1]!.endMs);
      expect(window.startMs).toBeLessThanOrEqual(at(instant));
      expect(window.endMs).toBeGreaterThan(at(instant));
    }
  });
});

describe('budgetPeriodAt: rolling windows and custom dates', () => {
  it("a rolling 30-day window is the 30 local days ending with the instant's day", () => {
    expect(windowOf({ kind: 'rolling', days: 30 }, '2026-11-22T15:00:00Z', 'UTC')).toEqual({
      label: '2026-10-24..2026-11-22',
      start: '2026-10-24T00:00:00.000Z',
      end: '2026-11-23T00:00:00.000Z',
    });
  });

  it('a rolling window across a DST change is its local days (one hour longer in autumn)', () => {
    const window = budgetPeriodAt({ kind: 'rolling', days: 7 }, at('2026-10-28T12:00:00Z'), 'Europe/Berlin');
    expect(window.endMs - window.startMs).toBe(7 * 86_400_000 + 3_600_000);
    expect(window.label).toBe('2026-10-22..2026-10-28');
  });

  it('past rolling windows do not overlap', () => {
    const period: BudgetPeriod = { kind: 'rolling', days: 7 };
    const window = budgetPeriodAt(period, at('2026-11-22T15:00:00Z'), 'UTC');
    expect(pastBudgetPeriods(period, window, 'UTC', 2).map((past) => past.label)).toEqual([
      '2026-11-02..2026-11-08',
      '2026-11-09..2026-11-15',
    ]);
  });

  it('custom dates are inclusive local days, the same whatever the instant, with no other period', () => {
    const period: BudgetPeriod = { kind: 'custom', fromDate: '2028-02-01', toDate: '2028-02-29' };
    expect(windowOf(period, '2030-01-01T00:00:00Z', 'America/New_York')).toEqual({
      label: '2028-02-01..2028-02-29',
      start: '2028-02-01T05:00:00.000Z',
      end: '2028-03-01T05:00:00.000Z',
    });
    expect(pastBudgetPeriods(period, budgetPeriodAt(period, 0, 'UTC'), 'UTC', 3)).toEqual([]);
  });
});

describe('nominalPeriodMilliHours', () => {
  it('a year is twelve months, four quarters, 365.2425 days', () => {
    const year = nominalPeriodMilliHours(calendar('yearly'));
    expect(nominalPeriodMilliHours(calendar('monthly')) * 12n).toBe(year);
    expect(nominalPeriodMilliHours(calendar('quarterly')) * 4n).toBe(year);
    expect(year).toBe(8_765_820n);
    expect(nominalPeriodMilliHours({ kind: 'custom', fromDate: '2028-02-01', toDate: '2028-02-29' })).toBe(
      29n * 24_000n,
    );
  });
});

describe('applyRollover', () => {
  const USD = 1_000_000_000_000n;

  it('without rollover every period has the base amount', () => {
    expect(applyRollover(100n * USD, null, [10n * USD, 0n])).toEqual([100n * USD, 100n * USD, 100n * USD]);
  });

  it('carries what is unused, chained, and never carries overspending as debt', () => {
    expect(applyRollover(100n * USD, { capPico: null }, [60n * USD, 100n * USD, 250n * USD, 0n])).toEqual([
      100n * USD,
      140n * USD, // 40 unused
      140n * USD, // 140 − 100 = 40 unused
      100n * USD, // overspent: nothing carried, no debt
      200n * USD, // all 100 unused
    ]);
  });

  it('a cap bounds what is carried, exactly', () => {
    const cap = 25_500_000_000_000n; // 25.5
    expect(applyRollover(100n * USD, { capPico: cap }, [0n, 1n])).toEqual([
      100n * USD,
      100n * USD + cap,
      100n * USD + cap,
    ]);
  });

  it('invariant: each amount is the base plus at most the cap', () => {
    const cap = 30n * USD;
    const spent = [0n, 5n * USD, 200n * USD, 99n * USD, 130n * USD, 1n];
    for (const amount of applyRollover(100n * USD, { capPico: cap }, spent)) {
      expect(amount).toBeGreaterThanOrEqual(100n * USD);
      expect(amount).toBeLessThanOrEqual(130n * USD);
    }
  });
});
