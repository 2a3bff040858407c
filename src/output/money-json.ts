import { picoToNumber } from '../model/money.ts';
import { formatAmountExact } from './format-money.ts';

/** An amount of USD in the three forms JSON amounts take: a float, the exact decimal, pico-USD as text. */
export interface MoneyJson {
  readonly amount: number;
  readonly exact: string;
  readonly pico: string;
}

export function moneyJson(amountPico: bigint): MoneyJson {
  return {
    amount: picoToNumber(amountPico),
    exact: formatAmountExact(amountPico),
    pico: amountPico.toString(),
  };
}
