/**
 * Splits an exact integer amount (pico-USD) into parts proportional to non-negative `weights`, by the
 * largest-remainder method: each part is the whole part of its exact share, and the units left over go
 * one each to the parts with the largest fractional remainders (ties: the earlier part). The parts add
 * up to `amount` exactly, and no part is more than one unit from its exact share. A negative amount is
 * split as its magnitude, then negated. At least one weight must be positive.
 */
export function splitByWeights(amount: bigint, weights: readonly bigint[]): bigint[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weightSum <= 0n || weights.some((weight) => weight < 0n)) {
    throw new Error(
      `splitByWeights needs non-negative weights with a positive sum, got ${weights.join(', ')}`,
    );
  }
  const sign = amount < 0n ? -1n : 1n;
  const magnitude = amount * sign;
  const parts = weights.map((weight) => (magnitude * weight) / weightSum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (magnitude * weight) % weightSum }));
  let left = magnitude - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((part) => part * sign);
}
