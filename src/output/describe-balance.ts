import type { BalanceOutcome } from '../chargeback/chargeback-statement.ts';
import { formatMoneyToDecimals } from './format-money.ts';

const money = (amountPico: bigint): string => formatMoneyToDecimals(amountPico, 'USD', 2);

/** A credit's or prepaid balance's line: `Launch credit: $50.00 of $50.00 used, $0.00 unused.` */
export function describeBalance(balance: BalanceOutcome): string {
  const rest = balance.kind === 'prepaid' ? 'left for next month' : 'unused (credits do not carry over)';
  return `${balance.label}: ${money(balance.appliedPico)} of ${money(balance.availablePico)} used, ${money(balance.remainingPico)} ${rest}.`;
}
