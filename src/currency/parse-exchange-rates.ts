import Papa from 'papaparse';
import { isCalendarDate } from '../model/calendar-date.ts';
import type { DatedRate, ExchangeRates } from './exchange-rates.ts';

export type ExchangeRatesParse =
  | { readonly ok: true; readonly rates: ExchangeRates }
  | { readonly ok: false; readonly problems: readonly string[] };

const CURRENCY = /^[A-Z]{3}$/;
const RATE = /^(\d+)(?:\.(\d{1,12}))?$/;
const REQUIRED = ['date', 'currency', 'rate'] as const;

/**
 * Reads a rates file: CSV with a header row `date,currency,rate` (any column order, extra columns
 * ignored), one row per day and currency, `rate` = units of the currency per 1 USD as a plain decimal
 * (e.g. `2026-11-02,EUR,0.8671`). The whole file is rejected on any bad row, with `file:line: field`
 * messages: a report must never be converted with half a rate table.
 */
export function parseExchangeRates(text: string, source: string): ExchangeRatesParse {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const problems: string[] = [];
  const fields = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((field) => !fields.includes(field));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: [`${source}:1: expected a header row with date,currency,rate; missing ${missing.join(', ')}`],
    };
  }
  const byCurrency = new Map<string, DatedRate[]>();
  const seen = new Set<string>();
  parsed.data.forEach((row, index) => {
    const line = index + 2;
    const problem = (field: string, expected: string, value: string | undefined): void => {
      problems.push(
        `${source}:${line}: field "${field}": expected ${expected}, got ${JSON.stringify(value ?? '')}`,
      );
    };
    const date = row.date?.trim();
    const currency = row.currency?.trim().toUpperCase();
    const rateText = row.rate?.trim();
    const before = problems.length;
    if (date === undefined || !isCalendarDate(date)) problem('date', 'a date YYYY-MM-DD', row.date);
    if (currency === undefined || !CURRENCY.test(currency))
      problem('currency', 'a three-letter ISO 4217 code such as EUR', row.currency);
    const match = rateText === undefined ? null : RATE.exec(rateText);
    if (match === null || /^0*(?:\.0*)?$/.test(rateText ?? ''))
      problem('rate', 'a positive decimal (units per 1 USD) with at most 12 decimals', row.rate);
    if (problems.length > before || date === undefined || currency === undefined || match === null) return;
    const key = `${currency} ${date}`;
    if (seen.has(key)) {
      problems.push(`${source}:${line}: a second ${currency} rate for ${date}`);
      return;
    }
    seen.add(key);
    const decimals = match[2] ?? '';
    const list = byCurrency.get(currency) ?? [];
    list.push({
      date,
      dayStartMs: Date.parse(date),
      numerator: BigInt(`${match[1] ?? '0'}${decimals}`),
      denominator: 10n ** BigInt(decimals.length),
      text: rateText ?? '',
    });
    byCurrency.set(currency, list);
  });
  if (problems.length > 0) return { ok: false, problems };
  for (const list of byCurrency.values()) list.sort((a, b) => a.dayStartMs - b.dayStartMs);
  return { ok: true, rates: { source, byCurrency } };
}
