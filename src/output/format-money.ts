import { PICO_PER_CENT, picoToDecimalString, roundPicoUsdToCents } from '../model/money.ts';

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/**
 * The only place money becomes text for people. Amounts of a dollar or more are rounded to cents;
 * smaller non-zero amounts keep four decimals so a $0.004 row does not read as $0.00. Rounding is
 * half away from zero and happens here, once, on the figure shown. Amounts are pico-units of
 * `currency` (an ISO 4217 code): `$`, `€`, `£` and `¥` have symbols, other codes lead (`CHF 1.20`).
 */
export function formatMoney(amountPico: bigint, currency: string): string {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  const sign = amountPico < 0n ? '-' : '';
  const magnitude = amountPico < 0n ? -amountPico : amountPico;
  if (magnitude !== 0n && magnitude < 100n * PICO_PER_CENT) {
    const tenThousandths = (magnitude + 50_000_000n) / 100_000_000n;
    if (tenThousandths === 0n) return `${sign}<${symbol}0.0001`;
    return `${sign}${symbol}0.${tenThousandths.toString().padStart(4, '0')}`;
  }
  const cents = roundPicoUsdToCents(magnitude);
  const dollars = (cents / 100n).toLocaleString('en-US');
  return `${sign}${symbol}${dollars}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/**
 * The spreadsheet number format of an amount in `currency`: the same symbol as `formatMoney`, cents,
 * and up to two more decimals so a $0.004 cell does not read as $0.00 (`"$"#,##0.00##`).
 */
export function currencyNumberFormat(currency: string): string {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  return `"${symbol}"#,##0.00##`;
}

/**
 * A chart axis label of `units` of `currency` (a float from a drawing, never a sum): `$1.2M`, `$15k`,
 * `$250`, `$2.50`, `$0.04`.
 */
export function formatMoneyAxis(units: number, currency: string): string {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  const sign = units < 0 ? '-' : '';
  const magnitude = Math.abs(units);
  const compact = (value: number, suffix: string): string =>
    `${sign}${symbol}${Number(value.toPrecision(3)).toString()}${suffix}`;
  if (magnitude >= 1e6) return compact(magnitude / 1e6, 'M');
  if (magnitude >= 1e4) return compact(magnitude / 1e3, 'k');
  if (magnitude >= 100 || magnitude === 0) return `${sign}${symbol}${Math.round(magnitude).toString()}`;
  if (magnitude >= 0.01) return `${sign}${symbol}${magnitude.toFixed(2)}`;
  return `${sign}${symbol}${Number(magnitude.toPrecision(2)).toString()}`;
}

/** Exact decimal amount, full precision (`0.000123456789`), of whatever currency the pico-units are. */
export function formatAmountExact(amountPico: bigint): string {
  return picoToDecimalString(amountPico);
}

const PICO_PER_MICRO = 1_000_000n;

/**
 * A price of integer micro-USD (per 1M tokens, per request, per 1,000 searches) as exact dollars with
 * at least two decimals and no rounding (`$2.50`, `$0.075`, `$0.000125`): prices are shown as stated.
 */
export function formatMicrosAsUsd(micros: number): string {
  const [whole = '0', fraction = ''] = formatMicrosExact(micros).split('.');
  return `$${BigInt(whole).toLocaleString('en-US')}.${fraction.padEnd(2, '0')}`;
}

/** Exact decimal dollars of a micro-USD integer, without trailing zeros (`2.5`), for CSV and JSON. */
export function formatMicrosExact(micros: number): string {
  return picoToDecimalString(BigInt(micros) * PICO_PER_MICRO);
}
