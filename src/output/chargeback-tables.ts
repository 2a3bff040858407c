import type { ChargebackStatement } from '../chargeback/chargeback-statement.ts';
import type { DepartmentRow } from '../chargeback/group-by-department.ts';
import { describeBalance } from './describe-balance.ts';
import { formatMoneyToDecimals } from './format-money.ts';
import type { PlainTable } from './render-plain-table.ts';

/** Every chargeback amount is whole cents: show exactly two decimals. */
const money = (amountPico: bigint): string => formatMoneyToDecimals(amountPico, 'USD', 2);
const AMOUNT_HEADINGS = ['Direct', 'Shared', 'Adjustments', 'Total'];

/** The summary as table cells: one row per cost center (or department), a totals footer. */
export function chargebackSummaryTable(
  statement: ChargebackStatement,
  departments: readonly DepartmentRow[] | null,
): PlainTable {
  const amounts = (row: {
    directPico: bigint;
    sharedPico: bigint;
    adjustmentsPico: bigint;
    totalPico: bigint;
  }) => [money(row.directPico), money(row.sharedPico), money(row.adjustmentsPico), money(row.totalPico)];
  if (departments !== null) {
    return {
      head: ['Department', 'Cost centers', ...AMOUNT_HEADINGS],
      rows: departments.map((row) => [row.department, row.costCenters.join(', '), ...amounts(row)]),
      footer: ['Total', '', ...amounts(statement.totals)],
      align: ['left', 'left', 'right', 'right', 'right', 'right'],
      shrinkable: [1],
    };
  }
  return {
    head: ['Cost center', 'Name', 'Department', ...AMOUNT_HEADINGS],
    rows: statement.rows.map((row) => [row.costCenter, row.name, row.department ?? '-', ...amounts(row)]),
    footer: ['Total', '', '', ...amounts(statement.totals)],
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
    shrinkable: [1, 2],
  };
}

/** How each pool was split: one row per pool and cost center share. */
export function chargebackPoolsTable(statement: ChargebackStatement): PlainTable {
  return {
    head: ['Pool', 'Source', 'Method', 'Cost center', 'Share', 'Amount'],
    rows: statement.pools.flatMap((pool) => {
      const weightSum = pool.shares.reduce((sum, share) => sum + share.weight, 0n);
      return pool.shares.map((share, index) => [
        index === 0 ? pool.name : '',
        index === 0 ? pool.source : '',
        index === 0 ? pool.method : '',
        share.costCenter,
        weightSum === 0n ? '-' : `${(Number((share.weight * 100_000n) / weightSum) / 1000).toFixed(1)}%`,
        money(share.amountPico),
      ]);
    }),
    align: ['left', 'left', 'left', 'left', 'right', 'right'],
    shrinkable: [0, 3],
  };
}

/** The notes under the tables: units, rounding, pool fall-backs, credits and prepaid balances, unpriced usage. */
export function chargebackNotes(statement: ChargebackStatement): string[] {
  const notes = [
    `Period ${statement.period}. Amounts in USD, rounded to cents by largest remainder: rows add up to the total, pool shares to their pool.`,
    `Usage cost of the period (as llmcost report totals it): ${money(statement.totals.usagePico)} = direct ${money(statement.totals.directPico)} + usage taken into pools.`,
    'Order: direct → shared pools → markup/discount/tiers → credits → prepaid → tax.',
  ];
  for (const pool of statement.pools)
    if (pool.note !== null) notes.push(`Pool "${pool.name}": ${pool.note}.`);
  notes.push(...statement.balances.map(describeBalance));
  if (statement.unpricedRecords > 0) {
    notes.push(
      `${statement.unpricedRecords} records have no cost in this cost mode and are charged to nobody.`,
    );
  }
  return notes;
}
