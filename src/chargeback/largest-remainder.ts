import { PICO_PER_CENT, roundPicoUsdToCents, type PicoUsd } from '../model/money.ts';

/**
 * Splits `total` whole units in proportion to `weights` so the parts add up to `total` exactly
 * (Hamilton's largest-remainder method): each part is first the floor of its exact share, then the
 * units left over go one each to the parts with the largest remainders, ties to the earlier part.
 * Weights are ≥ 0 and not all 0; a negative total is split as its magnitude and negated.
 */
export function splitLargestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) return splitLargestRemainder(-total, weights).map((part) => -part);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weights.some((weight) => weight < 0n) || weightSum === 0n) {
    throw new RangeError('splitLargestRemainder: weights must be ≥ 0 and not all 0');
  }
  const parts = weights.map((weight) => (total * weight) / weightSum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (total * weight) % weightSum }));
  let left = total - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts;
}

/**
 * Rounds pico-dollar amounts to whole cents so that they add up to their rounded sum (largest
 * remainder): each amount goes down to a cent, then the cents the rounded sum still needs go to the
 * amounts that lost the most, ties to the earlier one. Returns pico-dollars (multiples of a cent).
 * Works for negative amounts too: flooring is towards minus infinity. Every result is its amount
 * floored or floored plus a cent.
 *
 * `totalPico` (whole cents) overrides the target, for parts of an amount that was itself rounded this
 * way: it must lie between the floor and the ceiling of the amounts' sum in cents.
 */
export function roundToCentsKeepingTotal(amounts: readonly PicoUsd[], totalPico?: PicoUsd): PicoUsd[] {
  const floorCents = amounts.map((amount) => floorDivide(amount, PICO_PER_CENT));
  const sum = amounts.reduce((total, amount) => total + amount, 0n);
  const target = totalPico === undefined ? roundPicoUsdToCents(sum) : totalPico / PICO_PER_CENT;
  const sumFloor = floorDivide(sum, PICO_PER_CENT);
  const sumCeiling = sum % PICO_PER_CENT === 0n ? sumFloor : sumFloor + 1n;
  if (target < sumFloor || target > sumCeiling) {
    throw new RangeError(
      `roundToCentsKeepingTotal: ${target} cents is not a rounding of ${sum} pico-dollars`,
    );
  }
  let left = target - floorCents.reduce((total, cents) => total + cents, 0n);
  const order = amounts
    .map((amount, index) => ({ index, remainder: amount - (floorCents[index] ?? 0n) * PICO_PER_CENT }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0n) break;
    floorCents[index] = (floorCents[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return floorCents.map((cents) => cents * PICO_PER_CENT);
}

/** Floor division of bigints (towards minus infinity; bigint `/` truncates towards zero). */
function floorDivide(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  return dividend % divisor < 0n ? quotient - 1n : quotient;
}
