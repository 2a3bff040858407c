import type { PicoUsd } from '../model/money.ts';
import type { ChargebackRow } from './chargeback-statement.ts';

/** The summary of one department: the sums of its cost centers' rows. */
export interface DepartmentRow {
  /** `(none)` for cost centers without a department; `Unallocated` for the Unallocated bucket. */
  readonly department: string;
  /** Its cost centers, in config order. */
  readonly costCenters: readonly string[];
  readonly directPico: PicoUsd;
  readonly sharedPico: PicoUsd;
  readonly adjustmentsPico: PicoUsd;
  readonly totalPico: PicoUsd;
}

export const NO_DEPARTMENT = '(none)';

/** Rolls cost center rows up to departments, in the order each department first appears (exact sums). */
export function groupByDepartment(rows: readonly ChargebackRow[]): DepartmentRow[] {
  const departments = new Map<string, { -readonly [K in keyof DepartmentRow]: DepartmentRow[K] }>();
  for (const row of rows) {
    const department = row.department ?? NO_DEPARTMENT;
    let entry = departments.get(department);
    if (entry === undefined) {
      entry = {
        department,
        costCenters: [],
        directPico: 0n,
        sharedPico: 0n,
        adjustmentsPico: 0n,
        totalPico: 0n,
      };
      departments.set(department, entry);
    }
    entry.costCenters = [...entry.costCenters, row.costCenter];
    entry.directPico += row.directPico;
    entry.sharedPico += row.sharedPico;
    entry.adjustmentsPico += row.adjustmentsPico;
    entry.totalPico += row.totalPico;
  }
  return [...departments.values()];
}
