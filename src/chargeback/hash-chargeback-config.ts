import { createHash } from 'node:crypto';
import type { ChargebackConfig } from '../model/chargeback-config.ts';

/**
 * A short hash of the allocation rules, pools and adjustments as parsed (amounts exact, file order
 * kept): two chargebacks with the same hash used the same rules. Formatting, comments and the other
 * config keys do not change it.
 */
export function hashChargebackConfig(chargeback: ChargebackConfig): string {
  const body = JSON.stringify(chargeback, (_, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value instanceof Map ? [...value.entries()] : value,
  );
  return `sha256:${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
}
