/**
 * The `probability` quantile of samples, interpolating linearly between order statistics placed at
 * plotting positions i/(n+1) (Weibull; R's type 6), so a finite sample widens the extreme quantiles
 * instead of pretending to know them. Beyond the sample range it returns the extreme sample.
 */
export function empiricalQuantile(samples: readonly number[], probability: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return quantileOfSorted(sorted, probability);
}

/** {@link empiricalQuantile} of samples already sorted ascending. */
export function quantileOfSorted(sorted: readonly number[], probability: number): number {
  const count = sorted.length;
  if (count === 0) return Number.NaN;
  const position = probability * (count + 1) - 1;
  if (position <= 0) return sorted[0]!;
  if (position >= count - 1) return sorted[count - 1]!;
  const below = Math.floor(position);
  const weight = position - below;
  return sorted[below]! * (1 - weight) + sorted[below + 1]! * weight;
}

/**
 * P(X > threshold) from samples: the inverse of {@link quantileOfSorted} (linear between plotting
 * positions); 1 − 1/(n+1) below the smallest sample and 1/(n+1)·… down to 0 beyond the largest
 * (linearly over one mean sample spacing), so n samples never claim certainty they don't have.
 */
export function probabilityAbove(sorted: readonly number[], threshold: number): number {
  const count = sorted.length;
  if (count === 0) return Number.NaN;
  const first = sorted[0]!;
  const last = sorted[count - 1]!;
  const spacing = count > 1 ? (last - first) / (count - 1) : Math.abs(last) * 0.1;
  if (threshold < first) {
    const below = spacing > 0 ? Math.min(1, (first - threshold) / spacing) : 1;
    return 1 - (1 - below) / (count + 1);
  }
  if (threshold >= last) {
    const beyond = spacing > 0 ? Math.min(1, (threshold - last) / spacing) : 1;
    return (1 - beyond) / (count + 1);
  }
  let index = 0;
  while (index < count - 1 && sorted[index + 1]! <= threshold) index++;
  const low = sorted[index]!;
  const high = sorted[index + 1]!;
  const weight = high === low ? 1 : (threshold - low) / (high - low);
  const cumulative = (index + 1 + weight) / (count + 1);
  return 1 - cumulative;
}
