import type { Budget } from '../model/budget.ts';
import { isFilterValueWithin } from '../model/filter-pattern.ts';
import { picoToDecimalString } from '../model/money.ts';
import { nominalPeriodMilliHours } from './budget-period.ts';

/**
 * Warnings about budgets inside others (`parent`): a child whose amount exceeds its parent's, children
 * whose amounts together exceed it, a child whose scope is not inside the parent's, or a currency that
 * differs. Amounts of different periods are compared per nominal hour (a month is 365.2425 / 12 days),
 * exactly. `reportCurrency` stands for budgets without their own currency.
 */
export function checkBudgetHierarchy(budgets: readonly Budget[], reportCurrency: string): string[] {
  const warnings: string[] = [];
  const currencyOf = (budget: Budget) => budget.currency ?? reportCurrency;
  /** The child's amount over the parent's period, as a fraction numerator/denominator of pico-units. */
  const scaled = (child: Budget, parent: Budget) => ({
    numerator: child.amountPico * nominalPeriodMilliHours(parent.period),
    denominator: nominalPeriodMilliHours(child.period),
  });
  for (const parent of budgets) {
    const children = budgets.filter((budget) => budget.parent === parent.name);
    if (children.length === 0) continue;
    const comparable = children.filter((child) => currencyOf(child) === currencyOf(parent));
    for (const child of children) {
      if (currencyOf(child) !== currencyOf(parent)) {
        warnings.push(
          `budget "${child.name}" is in ${currencyOf(child)} but its parent "${parent.name}" is in ${currencyOf(parent)}: their amounts are not compared`,
        );
        continue;
      }
      const { numerator, denominator } = scaled(child, parent);
      if (numerator > parent.amountPico * denominator) {
        warnings.push(
          `budget "${child.name}" (${picoToDecimalString(child.amountPico)} ${currencyOf(child)}) exceeds its parent "${parent.name}" (${picoToDecimalString(parent.amountPico)} ${currencyOf(parent)}) over the same time`,
        );
      }
      const outside = parent.where.filter(
        (filter) =>
          !child.where.some(
            (own) => own.dimension === filter.dimension && isFilterValueWithin(own.value, filter.value),
          ),
      );
      if (outside.length > 0) {
        warnings.push(
          `budget "${child.name}" does not keep its parent "${parent.name}"'s filter ${outside.map((filter) => `${filter.dimension}=${filter.value}`).join(', ')}: it counts usage outside the parent`,
        );
      }
    }
    // Σ numerator_i / denominator_i > parent, compared over the common denominator (the product).
    if (comparable.length > 1) {
      const common = comparable.reduce((product, child) => product * scaled(child, parent).denominator, 1n);
      const sum = comparable.reduce((total, child) => {
        const { numerator, denominator } = scaled(child, parent);
        return total + (numerator * common) / denominator;
      }, 0n);
      if (sum > parent.amountPico * common) {
        warnings.push(
          `the budgets inside "${parent.name}" (${comparable.map((child) => child.name).join(', ')}) together exceed it`,
        );
      }
    }
  }
  return warnings;
}
