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

/**
 * A source price in USD per token (LiteLLM's `input_cost_per_token`: `3e-06`) as integer micro-USD per
 * 1M tokens (3_000_000): the same number of pico-USD per token, so the decimal point just moves 12
 * places. Works on the number's shortest decimal text (what the JSON file says), never on float
 * arithmetic, so `1.25e-06` gives exactly 1_250_000. A price finer than a pico-USD per token (float noise
 * such as `2.9999900000000002e-06`) is rounded half up and reported through `onRounded`, else refused.
 */
export function usdPerTokenToMicrosPerMillion(
  value: number,
  what: string,
  onRounded?: (what: string) => void,
): number {
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${what}: expected a non-negative USD amount per token, got ${String(value)}`);
  const [whole = '0', fraction = ''] = plainDecimalText(value).split('.');
  let micros = BigInt(whole + fraction.slice(0, 12).padEnd(12, '0'));
  const dropped = fraction.slice(12);
  if (/[1-9]/.test(dropped)) {
    if (onRounded === undefined)
      throw new Error(`${what}: ${String(value)} USD per token is finer than 1 micro-USD per 1M tokens`);
    onRounded(`${what}: ${String(value)} USD per token rounded to the nearest micro-USD per 1M tokens`);
    if (dropped.charCodeAt(0) >= 53 /* '5' */) micros += 1n;
  }
  const result = Number(micros);
  if (!Number.isSafeInteger(result)) throw new Error(`${what}: ${String(value)} USD per token is too large`);
  return result;
}

/** `1.25e-7` → `0.000000125`, `1e+21` → `1000000000000000000000`: the number's shortest text, no exponent. */
export function plainDecimalText(value: number): string {
  const text = String(value);
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
