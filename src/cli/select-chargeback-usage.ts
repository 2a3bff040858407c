import type { ChargebackUsage } from '../chargeback/chargeback-statement.ts';
import { attributesOfGroup, chargebackDimensions } from '../chargeback/match-cost-center.ts';
import type { ChargebackConfig } from '../model/chargeback-config.ts';
import type { Dimension } from '../model/dimension.ts';
import type { Store } from '../store/open-store.ts';
import { selectUsageAggregates } from '../store/select-usage-aggregates.ts';
import type { Settings } from './settings.ts';
import { usageFilterOf } from './usage-filter-of.ts';

/**
 * A range's usage as the chargeback reads it: summed per combination of the attributes the rules and
 * pools test, project, provider and model, in the cost mode and source preference `report` uses (so
 * the amounts add up to `report`'s total for the same range).
 */
export function selectChargebackUsage(
  store: Store,
  range: { readonly fromMs: number; readonly toMs: number },
  chargeback: ChargebackConfig,
  settings: Pick<Settings, 'costMode' | 'preferKind' | 'teamRules'>,
): ChargebackUsage[] {
  const dimensions = chargebackDimensions(chargeback);
  const groupBy: Dimension[] = [...dimensions, 'project', 'provider', 'model'];
  const aggregates = selectUsageAggregates(store, {
    ...usageFilterOf(settings, range.fromMs, range.toMs),
    sliceMs: null,
    groupBy,
    costMode: settings.costMode,
  });
  const count = dimensions.length;
  return aggregates.map((aggregate) => ({
    attributes: attributesOfGroup(dimensions, aggregate.groupValues.slice(0, count)),
    project: aggregate.groupValues[count] ?? null,
    provider: aggregate.groupValues[count + 1] ?? '',
    model: aggregate.groupValues[count + 2] ?? '',
    totals: aggregate.totals,
  }));
}
