import { existsSync } from 'node:fs';
import { allocateChargebackMonths, chargebackMonths } from '../chargeback/allocate-chargeback.ts';
import type { ChargebackStatement, ChargebackUsage } from '../chargeback/chargeback-statement.ts';
import { hashChargebackConfig } from '../chargeback/hash-chargeback-config.ts';
import { periodRange } from '../analysis/period.ts';
import { createTokenClassWeigher } from '../anomalies/weigh-token-classes.ts';
import type { ChargebackConfig } from '../model/chargeback-config.ts';
import { chargebackAbout } from '../output/chargeback-about.ts';
import { openStore } from '../store/open-store.ts';
import { selectStampInputs } from '../store/select-stamp-inputs.ts';
import type { Context } from './context.ts';
import { ConfigError, InputError, UsageError } from './errors.ts';
import { loadPricing } from './load-pricing.ts';
import { selectChargebackUsage } from './select-chargeback-usage.ts';
import type { Settings } from './settings.ts';

export interface ComputedChargeback {
  readonly chargeback: ChargebackConfig;
  readonly statement: ChargebackStatement;
  /** Label/value facts for the About sheet and the invoice footer. */
  readonly about: [string, string][];
}

/**
 * Reads the store and the config and allocates a month (`YYYY-MM` in the settings' zone), up to
 * `--as-of` when the month is not over; earlier months too when a prepaid balance started before it.
 * Shared by `chargeback` and `invoice`. Warns on stderr about usage without a cost.
 */
export function computeChargeback(period: string, settings: Settings, ctx: Context): ComputedChargeback {
  const { chargeback } = settings;
  if (chargeback === null) {
    throw new ConfigError(
      `no "chargeback" key in ${settings.configPath ?? 'the config file (none found)'}: declare "costCenters" and "rules" first (see fixtures/config/chargeback.config.json)`,
    );
  }
  if (settings.currency !== 'USD') {
    throw new UsageError(
      `chargeback is in USD; drop --currency ${settings.currency} (or the config's "currency")`,
    );
  }
  const range = monthRange(period, settings);
  if (range.fromMs >= settings.asOfMs) {
    throw new UsageError(
      `--period ${period} has not started as of ${new Date(settings.asOfMs).toISOString()}`,
    );
  }
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
  const weigher = createTokenClassWeigher(loadPricing(settings).book);
  const store = openStore(settings.dbPath);
  try {
    const months = chargebackMonths(chargeback, period).map((month) => ({
      period: month,
      usage: selectChargebackUsage(store, monthRange(month, settings), chargeback, settings),
    }));
    const weighTokenClasses = (usage: ChargebackUsage): readonly number[] =>
      weigher(usage.provider, usage.model, range.fromMs, usage.totals);
    const statement = allocateChargebackMonths(months, chargeback, weighTokenClasses);
    if (statement.unpricedRecords > 0 && !settings.isQuiet) {
      ctx.stderr.write(
        `llmcost: warning: ${statement.unpricedRecords} records in ${period} have no cost in cost mode ${settings.costMode} and are charged to nobody (llmcost report --since ${period}-01 lists them)\n`,
      );
    }
    const about = chargebackAbout({
      period,
      fromMs: range.fromMs,
      untilMs: range.toMs,
      timeZone: settings.timeZone,
      costMode: settings.costMode,
      preferKind: settings.preferKind,
      configPath: settings.configPath,
      rulesHash: hashChargebackConfig(chargeback, settings.teamRules),
      pricingVersions: selectStampInputs(store).pricingVersions,
      unpricedRecords: statement.unpricedRecords,
      generatedAtMs: ctx.nowMs,
    });
    return { chargeback, statement, about };
  } finally {
    store.close();
  }
}

/** A month's instants in the settings' zone, ending at `--as-of` if that is earlier. */
function monthRange(period: string, settings: Settings): { fromMs: number; toMs: number } {
  const range = periodRange(period, settings.timeZone);
  if (range === null) throw new UsageError(`--period: expected a month such as 2026-10, got "${period}"`);
  return { fromMs: range.startMs, toMs: Math.min(range.endMs, settings.asOfMs) };
}
