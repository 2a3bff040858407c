import type { PicoUsd } from '../model/money.ts';
import type { AdjustmentLine, BalanceOutcome, ChargebackStatement } from './chargeback-statement.ts';

/** One usage line of an invoice: a project's spend on one model (token classes summed). */
export interface InvoiceUsageLine {
  readonly project: string | null;
  readonly provider: string;
  readonly model: string;
  readonly tokens: number;
  readonly amountPico: PicoUsd;
}

/** The cost center's share of a shared pool. */
export interface InvoiceSharedLine {
  readonly pool: string;
  readonly method: string;
  /** Its weight as a fraction of the pool's (0..1; for display). */
  readonly share: number;
  readonly poolAmountPico: PicoUsd;
  readonly amountPico: PicoUsd;
}

/**
 * One cost center's statement for a period. Every amount is whole cents and the parts add up:
 * usage lines = direct; direct + shared + adjustments = subtotal; subtotal + tax = total (the
 * chargeback row's total).
 */
export interface Invoice {
  readonly period: string;
  readonly costCenter: string;
  readonly name: string;
  readonly department: string | null;
  /** Largest first, then by project, provider and model. */
  readonly usageLines: readonly InvoiceUsageLine[];
  readonly directPico: PicoUsd;
  readonly sharedLines: readonly InvoiceSharedLine[];
  readonly sharedPico: PicoUsd;
  /** Markups, discounts, tiers, credits and prepaid drawdown, in the order applied. */
  readonly adjustmentLines: readonly AdjustmentLine[];
  /** Before tax. */
  readonly subtotalPico: PicoUsd;
  readonly taxLines: readonly AdjustmentLine[];
  readonly totalPico: PicoUsd;
  /** The credits and prepaid balances this cost center drew on: what was used and what is left. */
  readonly balances: readonly BalanceOutcome[];
}

/** The invoice of one row of a statement, or null when the statement has no such cost center. */
export function buildInvoice(statement: ChargebackStatement, costCenter: string): Invoice | null {
  const row = statement.rows.find((candidate) => candidate.costCenter === costCenter);
  if (row === undefined) return null;
  const usage = new Map<string, { -readonly [K in keyof InvoiceUsageLine]: InvoiceUsageLine[K] }>();
  for (const line of statement.detail) {
    if (line.bucket !== 'direct' || line.costCenter !== costCenter) continue;
    const key = [line.project ?? '\u0001', line.provider, line.model].join('\u0000');
    const entry = usage.get(key);
    if (entry === undefined) {
      usage.set(key, {
        project: line.project,
        provider: line.provider,
        model: line.model,
        tokens: line.tokens,
        amountPico: line.costPico,
      });
    } else {
      entry.tokens += line.tokens;
      entry.amountPico += line.costPico;
    }
  }
  const usageLines = [...usage.values()].sort(
    (a, b) =>
      (a.amountPico === b.amountPico ? 0 : a.amountPico > b.amountPico ? -1 : 1) ||
      compareText(a.project ?? '', b.project ?? '') ||
      compareText(a.provider, b.provider) ||
      compareText(a.model, b.model),
  );
  const sharedLines = statement.pools.flatMap((pool) => {
    const weightSum = pool.shares.reduce((sum, share) => sum + share.weight, 0n);
    return pool.shares
      .filter((share) => share.costCenter === costCenter)
      .map((share) => ({
        pool: pool.name,
        method: pool.method,
        share: weightSum === 0n ? 0 : Number((share.weight * 1_000_000n) / weightSum) / 1_000_000,
        poolAmountPico: pool.amountPico,
        amountPico: share.amountPico,
      }));
  });
  const adjustmentLines = row.adjustments.filter((line) => line.kind !== 'tax');
  const taxLines = row.adjustments.filter((line) => line.kind === 'tax');
  const subtotalPico =
    row.directPico + row.sharedPico + adjustmentLines.reduce((sum, line) => sum + line.amountPico, 0n);
  return {
    period: statement.period,
    costCenter: row.costCenter,
    name: row.name,
    department: row.department,
    usageLines,
    directPico: row.directPico,
    sharedLines,
    sharedPico: row.sharedPico,
    adjustmentLines,
    subtotalPico,
    taxLines,
    totalPico: row.totalPico,
    balances: statement.balances.filter((balance) =>
      row.adjustments.some((line) => line.index === balance.index),
    ),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
