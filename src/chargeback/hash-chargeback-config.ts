import { createHash } from 'node:crypto';
import type { ChargebackConfig } from '../model/chargeback-config.ts';
import type { TeamRule } from '../model/team-rule.ts';

/**
 * A short hash of the allocation rules, pools and adjustments as parsed (amounts exact, file order
 * kept): two chargebacks with the same hash used the same rules. Formatting, comments and the other
 * config keys do not change it, except the team rules (config `teams`), which decide the team rules
 * match on: they are hashed too when there are any.
 */
export function hashChargebackConfig(
  chargeback: ChargebackConfig,
  teamRules: readonly TeamRule[] = [],
): string {
  const hashed = teamRules.length === 0 ? chargeback : { chargeback, teams: teamRules };
  const body = JSON.stringify(hashed, (_, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value instanceof Map ? [...value.entries()] : value,
  );
  return `sha256:${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
}
