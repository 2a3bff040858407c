import type { BudgetVerdict } from '../../analysis/evaluate-budget.ts';
import { numberToPico, picoToDecimalString, picoToNumber, PICO_PER_USD } from '../../model/money.ts';
import type { Proposal } from './proposal.ts';

/** Projected use of the amount above which raising it (or cutting spend) is proposed. */
export const OVER_BUDGET = 1;
/** Projected use below which, with past periods as low, lowering the amount is proposed. */
export const UNDER_USED = 0.5;

/**
 * Budget adjustments. A budget projected over its amount: raise it to the projection (or act on the
 * savings above). A budget projected under half its amount whose recorded past periods (at least two)
 * all stayed under half: lower it to the highest of the projection and those periods, to the next
 * whole currency unit, so its alerts mean something again. No money is saved (savings 0); effort easy;
 * confidence medium with a forecast behind the projection, else low.
 */
export function findBudgetAdjustments(verdicts: readonly BudgetVerdict[]): Proposal[] {
  return verdicts.flatMap((verdict) => {
    const amount = picoToNumber(verdict.amountPico);
    if (amount <= 0) return [];
    const projected = projectedTotal(verdict);
    if (projected === null) return [];
    const use = projected / amount;
    const currency = verdict.currency;
    const confidence = verdict.projection === null ? ('low' as const) : ('medium' as const);
    const base = {
      confidence,
      effort: 'easy' as const,
      qualityImpact: { direction: 'none' as const, deltaPoints: null, source: null, note: 'none' },
      rows: [],
      replay: { kind: 'none' as const },
    };
    if (use > OVER_BUDGET) {
      const to = wholeUnitsAbove(projected);
      return [
        {
          ...base,
          change: {
            kind: 'budget-adjustment',
            scope: { budget: verdict.budget.name },
            parameters: { direction: 'raise' },
          },
          title: `Raise budget ${verdict.budget.name} to ${to} ${currency}, or act on the savings above`,
          rationale: `Projected at ${Math.round(use * 1000) / 10}% of its ${picoToDecimalString(verdict.amountPico)} ${currency} this period.`,
        },
      ];
    }
    const past = verdict.history.filter((entry) => entry.amountPico > 0n);
    const pastUses = past.map((entry) => picoToNumber(entry.spentPico) / picoToNumber(entry.amountPico));
    if (use >= UNDER_USED || past.length < 2 || pastUses.some((pastUse) => pastUse >= UNDER_USED)) return [];
    const highest = Math.max(projected, ...past.map((entry) => picoToNumber(entry.spentPico)));
    const to = wholeUnitsAbove(highest);
    return [
      {
        ...base,
        change: {
          kind: 'budget-adjustment',
          scope: { budget: verdict.budget.name },
          parameters: { direction: 'lower' },
        },
        title: `Lower budget ${verdict.budget.name} to ${to} ${currency}`,
        rationale: `Projected at ${Math.round(use * 1000) / 10}% of its amount, and under ${UNDER_USED * 100}% in each of its last ${past.length} periods: its alerts cannot fire.`,
      },
    ];
  });
}

function projectedTotal(verdict: BudgetVerdict): number | null {
  if (verdict.projection !== null) return verdict.projection.projected;
  const elapsed = Math.min(verdict.asOfMs, verdict.window.endMs) - verdict.window.startMs;
  if (elapsed <= 0) return null;
  return (picoToNumber(verdict.spentPico) * (verdict.window.endMs - verdict.window.startMs)) / elapsed;
}

/** The next whole unit at or above an amount (currency units), as text. */
function wholeUnitsAbove(units: number): string {
  const pico = numberToPico(Math.ceil(units)) ?? 0n;
  return (pico / PICO_PER_USD).toString();
}
