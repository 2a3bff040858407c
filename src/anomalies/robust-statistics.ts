/** Scales a median absolute deviation to the standard deviation of normally distributed data. */
const MAD_TO_SIGMA = 1.4826;

/**
 * The median of `values` (NaN is not allowed; the caller filters). Uses quickselect on a copy, so it is
 * linear on average: detection takes a median per point over windows of up to a few hundred values.
 */
export function median(values: readonly number[]): number {
  const count = values.length;
  if (count === 0) return Number.NaN;
  const work = Float64Array.from(values);
  const upper = selectKth(work, Math.floor(count / 2));
  if (count % 2 === 1) return upper;
  let lower = -Infinity;
  for (let index = 0; index < Math.floor(count / 2); index++) lower = Math.max(lower, work[index] ?? lower);
  return (lower + upper) / 2;
}

/** Robust spread: 1.4826 × the median absolute deviation from the median (σ for normal data). */
export function robustSigma(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const center = median(values);
  return MAD_TO_SIGMA * median(values.map((value) => Math.abs(value - center)));
}

/** Arithmetic mean and population standard deviation (the plain z-score baseline). */
export function meanAndDeviation(values: readonly number[]): { mean: number; deviation: number } {
  if (values.length === 0) return { mean: Number.NaN, deviation: Number.NaN };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, deviation: Math.sqrt(squares / values.length) };
}

/** Rearranges `work` so that `work[k]` is the k-th smallest value (Hoare's quickselect) and returns it. */
function selectKth(work: Float64Array, k: number): number {
  let left = 0;
  let right = work.length - 1;
  while (right > left) {
    const pivot = work[(left + right) >> 1] ?? 0;
    let low = left;
    let high = right;
    while (low <= high) {
      while ((work[low] ?? 0) < pivot) low++;
      while ((work[high] ?? 0) > pivot) high--;
      if (low <= high) {
        const swap = work[low] ?? 0;
        work[low] = work[high] ?? 0;
        work[high] = swap;
        low++;
        high--;
      }
    }
    if (k <= high) right = high;
    else if (k >= low) left = low;
    else break;
  }
  return work[k] ?? Number.NaN;
}
