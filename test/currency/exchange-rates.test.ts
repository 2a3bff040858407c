import { describe, expect, it } from 'vitest';
import { convertSlices } from '../../src/analysis/convert-currency.ts';
import { convertAmount, rateAt } from '../../src/currency/exchange-rates.ts';
import { parseExchangeRates } from '../../src/currency/parse-exchange-rates.ts';
import { ZERO_TOTALS } from '../../src/model/usage-totals.ts';

const RATES = `date,currency,rate
2026-11-02,EUR,0.8671
2026-11-03,EUR,0.87
2026-10-30,EUR,0.8600
2026-11-02,GBP,0.7612
`;

function rates() {
  const parsed = parseExchangeRates(RATES, 'rates.csv');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.rates;
}

describe('exchange rates', () => {
  it('takes the rate of the usage day, else the latest earlier one (weekends)', () => {
    const at = (iso: string) => rateAt(rates(), 'EUR', Date.parse(iso))?.date ?? null;
    expect(at('2026-10-29T23:59:59Z')).toBeNull();
    expect(at('2026-10-30T00:00:00Z')).toBe('2026-10-30');
    expect(at('2026-11-01T12:00:00Z')).toBe('2026-10-30');
    expect(at('2026-11-02T00:00:00Z')).toBe('2026-11-02');
    expect(at('2026-12-25T00:00:00Z')).toBe('2026-11-03');
    expect(rateAt(rates(), 'JPY', Date.parse('2026-11-02'))).toBeNull();
  });

  it('converts exactly and rounds once, half away from zero', () => {
    const rate = { numerator: 8671n, denominator: 10_000n };
    expect(convertAmount(10_000n, rate)).toBe(8_671n);
    // 5 × 0.8671 = 4.3355 → 4; 15 × 0.8671 = 13.0065 → 13; 0.5 cases: 10 × 0.85 = 8.5 → 9, -8.5 → -9.
    expect(convertAmount(5n, rate)).toBe(4n);
    expect(convertAmount(15n, rate)).toBe(13n);
    expect(convertAmount(10n, { numerator: 85n, denominator: 100n })).toBe(9n);
    expect(convertAmount(-10n, { numerator: 85n, denominator: 100n })).toBe(-9n);
  });

  it('rejects the whole file on a bad row, naming file, line and field', () => {
    const parsed = parseExchangeRates(
      'date,currency,rate\n2026-11-02,EUR,0.8671\n2026-11-31,EUR,1\n2026-11-03,euro,1\n2026-11-04,EUR,-1\n2026-11-02,EUR,0.9\n',
      'rates.csv',
    );
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'rates.csv:3: field "date": expected a date YYYY-MM-DD, got "2026-11-31"',
      'rates.csv:4: field "currency": expected a three-letter ISO 4217 code such as EUR, got "euro"',
      'rates.csv:5: field "rate": expected a positive decimal (units per 1 USD) with at most 12 decimals, got "-1"',
      'rates.csv:6: a second EUR rate for 2026-11-02',
    ]);
    expect(parseExchangeRates('day,code,value\n', 'r.csv')).toEqual({
      ok: false,
      problems: ['r.csv:1: expected a header row with date,currency,rate; missing date, currency, rate'],
    });
  });

  it('converts each slice at its own day and says which rates it used', () => {
    const slice = (iso: string, costPico: bigint) => ({
      sliceStartMs: Date.parse(iso),
      groupValues: [],
      totals: { ...ZERO_TOTALS, costPico, listCostPico: costPico },
    });
    const result = convertSlices(
      [slice('2026-11-01T00:00:00Z', 1_000_000n), slice('2026-11-02T00:00:00Z', 1_000_000n)],
      rates(),
      'EUR',
    );
    expect(result.ok && result.slices.map((s) => s.totals.costPico)).toEqual([860_000n, 867_100n]);
    expect(result.ok && result.conversion).toEqual({
      currency: 'EUR',
      source: 'rates.csv',
      firstRateDate: '2026-10-30',
      lastRateDate: '2026-11-02',
      ratesUsed: 2,
    });
    const early = convertSlices([slice('2026-10-01T00:00:00Z', 1n)], rates(), 'EUR');
    expect(early).toEqual({
      ok: false,
      message:
        'rates.csv: no EUR rate on or before 2026-10-01 (the first is 2026-10-30); add one or use --since',
    });
  });
});
