/**
 * Exchange rates from USD, as the user supplies them (no network): for each currency, dated rates
 * meaning "1 USD = `rate` units of the currency on `date`". Rates are exact decimal fractions, so a
 * conversion is one multiplication and one rounding (half away from zero) of an integer amount.
 */
export interface ExchangeRates {
  /** Where the rates come from (the file path), named in every converted report. */
  readonly source: string;
  /** Upper-case ISO 4217 code → rates sorted by date. */
  readonly byCurrency: ReadonlyMap<string, readonly DatedRate[]>;
}

export interface DatedRate {
  /** `YYYY-MM-DD`; the rate applies to usage of that UTC day and, until the next rate, the days after. */
  readonly date: string;
  readonly dayStartMs: number;
  /** Units of the currency per 1 USD, as numerator / denominator. */
  readonly numerator: bigint;
  readonly denominator: bigint;
  /** The rate as written in the file. */
  readonly text: string;
}

/**
 * The rate for usage at `atMs`: the rate of its UTC day, else the latest earlier one (weekends and
 * holidays have no published rate). Null when the currency is unknown or every rate is later.
 */
export function rateAt(rates: ExchangeRates, currency: string, atMs: number): DatedRate | null {
  const list = rates.byCurrency.get(currency);
  if (list === undefined) return null;
  let low = 0;
  let high = list.length - 1;
  let found: DatedRate | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const rate = list[middle] as DatedRate;
    if (rate.dayStartMs <= atMs) {
      found = rate;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** amount × rate, rounded half away from zero to the integer unit (pico-units of the target). */
export function convertAmount(amount: bigint, rate: Pick<DatedRate, 'numerator' | 'denominator'>): bigint {
  const product = amount * rate.numerator;
  const sign = product < 0n ? -1n : 1n;
  const magnitude = product * sign;
  return sign * ((magnitude * 2n + rate.denominator) / (rate.denominator * 2n));
}
