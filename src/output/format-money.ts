import { numberToPico, PICO_PER_CENT, picoToDecimalString, roundPicoUsdToCents } from '../model/money.ts';

/**
 * The only place money becomes text for people. Amounts of a dollar or more are rounded to cents;
 * smaller non-zero amounts keep four decimals so a $0.004 row does not read as $0.00. Rounding is
 * half away from zero and happens here, once, on the figure shown.
 */
export function formatUsd(amountPico: bigint): string {
  const sign = amountPico < 0n ? '-' : '';
  const magnitude = amountPico < 0n ? -amountPico : amountPico;
  if (magnitude !== 0n && magnitude < 100n * PICO_PER_CENT) {
    const tenThousandths = (magnitude + 50_000_000n) / 100_000_000n;
    if (tenThousandths === 0n) return `${sign}<$0.0001`;
    return `${sign}$0.${tenThousandths.toString().padStart(4, '0')}`;
  }
  const cents = roundPicoUsdToCents(magnitude);
  const dollars = (cents / 100n).toLocaleString('en-US');
  return `${sign}$${dollars}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/** Exact decimal dollars, full precision (`0.000123456789`). */
export function formatUsdExact(amountPico: bigint): string {
  return picoToDecimalString(amountPico);
}

/** A dollar amount computed as a float (a forecast), shown like {@link formatUsd}. */
export function formatUsdEstimate(dollars: number): string {
  const pico = numberToPico(Math.round(dollars * 1e8) / 1e8);
  return pico === null ? '-' : formatUsd(pico);
}
