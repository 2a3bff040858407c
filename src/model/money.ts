/**
 * Money in llmcost is an exact integer count of **pico-dollars** (1 pUSD = 10⁻¹² USD), held as `bigint`.
 *
 * Why this unit: prices are kept as integer micro-dollars per million tokens (`$2.50 / 1M` = 2_500_000),
 * so `tokens × microUsdPerMillionTokens` is already an exact integer of pico-dollars. Every cost is
 * therefore exact, totals are integer sums, and every report, CSV and workbook built from the same
 * records reconciles to the last pico-dollar. A bigint because sums pass 2⁵³ pUSD (≈ $9,007) quickly.
 *
 * Rounding rule: nothing is rounded until display. `roundPicoUsdToCents` rounds half away from zero,
 * once, on the final figure shown.
 */
export type PicoUsd = bigint;

export const PICO_PER_USD = 1_000_000_000_000n;
export const PICO_PER_CENT = 10_000_000_000n;

/** Sum of pico-dollar amounts (exact). */
export function sumPicoUsd(amounts: Iterable<PicoUsd>): PicoUsd {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

/** Rounds to a whole number of cents, half away from zero, and returns the cents. */
export function roundPicoUsdToCents(amount: PicoUsd): bigint {
  const sign = amount < 0n ? -1n : 1n;
  const magnitude = amount * sign;
  return sign * ((magnitude + PICO_PER_CENT / 2n) / PICO_PER_CENT);
}

/**
 * Parses a decimal string of currency units (`"12.5"`, `"-0.000123"`, `"1e-3"` is refused) into an exact
 * pico-unit integer. Digits past the 12th decimal place are rounded half away from zero.
 * Returns null when the text is not a plain decimal number.
 */
export function parseDecimalToPico(text: string): bigint | null {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match) return null;
  const [, signText = '', wholeText = '', fractionText = ''] = match;
  if (wholeText === '' && fractionText === '') return null;
  const kept = fractionText.slice(0, 12).padEnd(12, '0');
  let magnitude = BigInt(wholeText === '' ? '0' : wholeText) * PICO_PER_USD + BigInt(kept);
  const firstDropped = fractionText.charCodeAt(12);
  if (firstDropped >= 53 /* '5' */ && firstDropped <= 57) magnitude += 1n;
  return signText === '-' ? -magnitude : magnitude;
}

/** Converts a finite JS number of currency units to pico-units via its shortest decimal text. */
export function numberToPico(value: number): bigint | null {
  if (!Number.isFinite(value)) return null;
  const text = Math.abs(value) < 1e-6 && value !== 0 ? value.toFixed(15) : String(value);
  return text.includes('e') ? parseDecimalToPico(value.toFixed(15)) : parseDecimalToPico(text);
}

/**
 * Exact decimal text of a pico-unit amount, without trailing zeros (`"12.5"`, `"-0.000000000001"`).
 * Use `output/format-money.ts` for anything a person reads; this is for machine output.
 */
export function picoToDecimalString(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const magnitude = amount < 0n ? -amount : amount;
  const whole = magnitude / PICO_PER_USD;
  const fraction = (magnitude % PICO_PER_USD).toString().padStart(12, '0').replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** Dollars as a JS number, for JSON consumers and charts only; never add these up. */
export function picoToNumber(amount: bigint): number {
  return Number(picoToDecimalString(amount));
}
