import { PICO_PER_CENT, type PicoUsd } from '../model/money.ts';
import type { Rate } from '../model/chargeback-config.ts';

const PARTS_PER_TRILLION = 1_000_000_000_000n;

/** An amount and the rate that applies to it. */
export interface RatedAmount {
  readonly amount: PicoUsd;
  readonly rate: Rate;
}

/**
 * `Σ amount × rate`, summed exactly and rounded once, half away from zero, to a whole cent (returned
 * in pico-dollars): the way an invoice computes a percentage line from the amounts it shows.
 */
export function applyRates(parts: readonly RatedAmount[]): PicoUsd {
  const product = parts.reduce((sum, part) => sum + part.amount * part.rate.ratePpt, 0n);
  const unit = PARTS_PER_TRILLION * PICO_PER_CENT;
  const magnitude = product < 0n ? -product : product;
  const cents = (magnitude + unit / 2n) / unit;
  return (product < 0n ? -cents : cents) * PICO_PER_CENT;
}

/** `amount × rate` rounded to a cent, as `applyRates`. */
export function applyRate(amount: PicoUsd, rate: Rate): PicoUsd {
  return applyRates([{ amount, rate }]);
}
