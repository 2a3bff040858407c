import type { Rollover } from '../model/budget.ts';

/**
 * The amount each period may spend when unused amount rolls over: period i gets the base amount plus
 * what period i−1 left unused (its own amount, carry included, minus its spend; never negative),
 * capped at `rollover.capPico`. Overspending is not carried as debt. The chain starts with nothing
 * carried into the first period given, so callers pass the history they want counted (oldest first).
 * Returns one amount per spend given, plus one for the period after the last.
 */
export function applyRollover(
  amountPico: bigint,
  rollover: Rollover | null,
  spentPicoPerPeriod: readonly bigint[],
): bigint[] {
  const amounts: bigint[] = [amountPico];
  for (const spentPico of spentPicoPerPeriod) {
    const available = amounts[amounts.length - 1] ?? amountPico;
    const unused = available > spentPico ? available - spentPico : 0n;
    const carried =
      rollover === null
        ? 0n
        : rollover.capPico !== null && unused > rollover.capPico
          ? rollover.capPico
          : unused;
    amounts.push(amountPico + carried);
  }
  return amounts;
}
