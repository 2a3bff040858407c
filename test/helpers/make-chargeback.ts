import type { ChargebackUsage } from '../../src/chargeback/chargeback-statement.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import type { ChargebackAttributes, ChargebackConfig } from '../../src/model/chargeback-config.ts';
import { ZERO_TOTALS, type UsageTotals } from '../../src/model/usage-totals.ts';

/** The `chargeback` config key, validated (throws on problems, so tests state valid configs). */
export function makeChargebackConfig(json: unknown): ChargebackConfig {
  const result = validateConfig({ chargeback: json });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const { chargeback } = result.config;
  if (chargeback === undefined) throw new Error('no chargeback key');
  return chargeback;
}

/** A usage group costing `costPico` with the given attributes (everything else unset or zero). */
export function makeChargebackUsage(
  costPico: bigint,
  attributes: Partial<ChargebackAttributes> = {},
  fields: Partial<Omit<ChargebackUsage, 'attributes' | 'totals'>> & { totals?: Partial<UsageTotals> } = {},
): ChargebackUsage {
  return {
    attributes: {
      team: null,
      project: null,
      apiKey: null,
      user: null,
      workspace: null,
      tags: {},
      ...attributes,
    },
    project: fields.project ?? attributes.project ?? null,
    provider: fields.provider ?? 'openai',
    model: fields.model ?? 'gpt-4o',
    totals: { ...ZERO_TOTALS, records: 1, inputTokens: 1000, ...fields.totals, costPico },
  };
}
