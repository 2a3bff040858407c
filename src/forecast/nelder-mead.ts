/** Options for {@link minimizeNelderMead}. */
export interface NelderMeadOptions {
  /** Stop after this many evaluations of the objective. */
  readonly maxEvaluations?: number;
  /** Stop when the simplex's objective values differ by less than this (absolute). */
  readonly tolerance?: number;
  /** Initial step along each axis. */
  readonly step?: number;
}

/**
 * Minimizes `objective` from `start` with the Nelder–Mead simplex (reflection 1, expansion 2,
 * contraction ½, shrink ½). Unconstrained: callers map bounded parameters through a logistic.
 * Returns the best point found and its value. Deterministic.
 */
export function minimizeNelderMead(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): { point: number[]; value: number } {
  const maxEvaluations = options.maxEvaluations ?? 200 * (start.length + 1);
  const tolerance = options.tolerance ?? 1e-8;
  const step = options.step ?? 0.5;
  const dimension = start.length;
  let evaluations = 0;
  const evaluate = (point: number[]): number => {
    evaluations++;
    const value = objective(point);
    return Number.isFinite(value) ? value : Number.MAX_VALUE;
  };
  const simplex: { point: number[]; value: number }[] = [];
  simplex.push({ point: [...start], value: evaluate([...start]) });
  for (let axis = 0; axis < dimension; axis++) {
    const point = [...start];
    point[axis] = (point[axis] ?? 0) + step;
    simplex.push({ point, value: evaluate(point) });
  }
  const combine = (from: readonly number[], to: readonly number[], weight: number): number[] =>
    from.map((value, index) => value + weight * ((to[index] ?? 0) - value));

  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[dimension]!;
    if (Math.abs(worst.value - best.value) <= tolerance * (1 + Math.abs(best.value))) break;
    const centroid = new Array<number>(dimension).fill(0);
    for (let vertex = 0; vertex < dimension; vertex++) {
      const { point } = simplex[vertex]!;
      for (let axis = 0; axis < dimension; axis++) centroid[axis]! += point[axis]! / dimension;
    }
    const reflected = combine(centroid, worst.point, -1);
    const reflectedValue = evaluate(reflected);
    const secondWorst = simplex[dimension - 1]!;
    if (reflectedValue < best.value) {
      const expanded = combine(centroid, worst.point, -2);
      const expandedValue = evaluate(expanded);
      simplex[dimension] =
        expandedValue < reflectedValue
          ? { point: expanded, value: expandedValue }
          : { point: reflected, value: reflectedValue };
    } else if (reflectedValue < secondWorst.value) {
      simplex[dimension] = { point: reflected, value: reflectedValue };
    } else {
      const isOutside = reflectedValue < worst.value;
      const contracted = isOutside ? combine(centroid, reflected, 0.5) : combine(centroid, worst.point, 0.5);
      const contractedValue = evaluate(contracted);
      if (contractedValue < Math.min(reflectedValue, worst.value)) {
        simplex[dimension] = { point: contracted, value: contractedValue };
      } else {
        for (let vertex = 1; vertex <= dimension; vertex++) {
          const point = combine(best.point, simplex[vertex]!.point, 0.5);
          simplex[vertex] = { point, value: evaluate(point) };
        }
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0]!;
}

/** Maps an unbounded number into (low, high); the inverse of {@link toUnbounded}. */
export function toBounded(value: number, low: number, high: number): number {
  return low + (high - low) / (1 + Math.exp(-value));
}

/** Maps a number in (low, high) onto the real line. */
export function toUnbounded(value: number, low: number, high: number): number {
  const share = Math.min(Math.max((value - low) / (high - low), 1e-6), 1 - 1e-6);
  return Math.log(share / (1 - share));
}
