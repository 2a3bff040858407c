import { numberToPico, parseDecimalToPico } from '../../model/money.ts';

const PICO_PER_MICRO = 1_000_000n;

/**
 * Converts a USD amount (a JS number from the source, or a decimal string from the overlay) to an exact
 * integer of micro-USD. Throws when the amount has more than six decimals, unless the caller passes
 * `onRounded`: the price book never rounds a price silently.
 */
export function usdToMicros(
  value: number | string,
  what: string,
  onRounded?: (what: string) => void,
): number {
  let pico = typeof value === 'number' ? numberToPico(value) : parseDecimalToPico(value);
  if (pico === null || pico < 0n)
    throw new Error(`${what}: expected a non-negative USD amount, got ${String(value)}`);
  if (pico % PICO_PER_MICRO !== 0n && onRounded !== undefined) {
    // Source floats such as 1/12 (0.08333333333333334): round half up, once, here, and report it.
    onRounded(`${what}: ${String(value)} USD rounded to the nearest micro-USD`);
    pico = ((pico + PICO_PER_MICRO / 2n) / PICO_PER_MICRO) * PICO_PER_MICRO;
  }
  if (pico % PICO_PER_MICRO !== 0n) {
    throw new Error(
      `${what}: ${String(value)} USD has more than 6 decimals and cannot be held exactly in micro-USD`,
    );
  }
  const micros = Number(pico / PICO_PER_MICRO);
  if (!Number.isSafeInteger(micros)) throw new Error(`${what}: ${String(value)} USD is too large`);
  return micros;
}

/** Divides micro-USD per 1,000 units by 1,000, refusing a remainder (e.g. a per-request fee). */
export function perThousandToPerUnit(microsPerThousand: number, what: string): number {
  if (microsPerThousand % 1000 !== 0) {
    throw new Error(
      `${what}: ${microsPerThousand} micro-USD per 1,000 is not a whole number of micro-USD per unit`,
    );
  }
  return microsPerThousand / 1000;
}
