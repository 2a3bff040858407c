import { numberToPico, PICO_PER_CENT, picoToDecimalString, roundPicoUsdToCents } from '../model/money.ts';

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
 * Money to a fixed number of decimals (`$0.000412` at 6), rounded half away from zero, with thousands
 * separators: for unit costs and chart axes, where cents would hide the differences that matter.
 */
export function formatMoneyToDecimals(amountPico: bigint, currency: string, decimals: number): string {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  const sign = amountPico < 0n ? '-' : '';
  const magnitude = amountPico < 0n ? -amountPico : amountPico;
  const places = Math.max(0, Math.min(12, Math.trunc(decimals)));
  const step = 10n ** BigInt(12 - places);
  const scaled = (magnitude + step / 2n) / step;
  const unit = 10n ** BigInt(places);
  const whole = (scaled / unit).toLocaleString('en-US');
  const fraction = places === 0 ? '' : `.${(scaled % unit).toString().padStart(places, '0')}`;
  return `${sign}${symbol}${whole}${fraction}`;
}

/**
 * A unit cost (per request, per 1K tokens) with three significant digits (`$0.0412`, `$0.000412`,
 * `$1.23`), never fewer than two decimals: small rates stay comparable instead of reading `<$0.0001`.
 */
export function formatUnitCost(amountPico: bigint, currency: string): string {
  const magnitude = amountPico < 0n ? -amountPico : amountPico;
  if (magnitude === 0n) return formatMoneyToDecimals(0n, currency, 2);
  const integerDigits = magnitude.toString().length - 12;
  return formatMoneyToDecimals(amountPico, currency, Math.max(2, 3 - integerDigits));
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

/**
 * A whole-cent amount as plain decimal text with exactly two decimals (`67.10`, `-0.05`), for CSV
 * columns finance reads as money. Rounds half away from zero should the amount not be whole cents.
 */
export function formatCentsExact(amountPico: bigint): string {
  const cents = roundPicoUsdToCents(amountPico);
  const magnitude = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
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

/** A dollar amount computed as a float (a forecast, an anomaly's impact), shown like {@link formatMoney}. */
export function formatUsdEstimate(dollars: number): string {
  const pico = numberToPico(Math.round(dollars * 1e8) / 1e8);
  return pico === null ? '-' : formatMoney(pico, 'USD');
}
