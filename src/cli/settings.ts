import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import type { TeamRule } from '../model/team-rule.ts';
import type { Budget } from '../model/budget.ts';
import type { ChargebackConfig } from '../model/chargeback-config.ts';
import { COST_MODES, type CostMode } from '../model/cost-mode.ts';
import {
  preferredKind,
  SOURCE_PREFERENCES,
  type SourceKind,
  type SourcePreference,
} from '../model/source-kind.ts';
import { isValidTimeZone } from '../model/zoned-time.ts';
import type { ColumnMapping } from '../ingest/adapter.ts';
import { DEFAULT_OPTIMIZER_SETTINGS, type OptimizerSettings } from '../optimizer/strategies/strategy.ts';
import type { PriceOverride } from '../pricing/price-override.ts';
import type { Context } from './context.ts';
import { ConfigError, UsageError } from './errors.ts';
import { endOf, parseDateFlag } from './parse-date-flag.ts';

export type OutputFormat = 'table' | 'json' | 'csv' | 'md' | 'xlsx' | 'html';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv', 'md', 'xlsx', 'html'];

/** Global flags as commander hands them over (strings, unvalidated). */
export interface GlobalFlags {
  readonly db?: string;
  readonly config?: string;
  readonly tz?: string;
  readonly asOf?: string;
  readonly format?: string;
  readonly out?: string;
  readonly quiet?: boolean;
  readonly pricing?: string;
  readonly cost?: string;
  readonly prefer?: string;
  readonly currency?: string;
}

/** Settings every command works with, after flags > LLMCOST_* env > config file > defaults. */
export interface Settings {
  readonly dbPath: string;
  readonly timeZone: string;
  /** Exclusive upper bound of "now" for reports: `--as-of` (a date means the end of that day), else now. */
  readonly asOfMs: number;
  readonly format: OutputFormat;
  /** Write output here instead of stdout. */
  readonly outPath: string | null;
  readonly isQuiet: boolean;
  /**
   * The price book file replacing the bundled pricing.json, or null for the bundled one: `--pricing` >
   * `LLMCOST_PRICING` > config `pricingFile` > the user's book written by `pricing import`, if it exists.
   */
  readonly pricingFile: string | null;
  /** ISO 4217 code reports convert to (USD: no conversion). */
  readonly currency: string;
  /** The rates file for currencies other than USD, or null. */
  readonly exchangeRatesFile: string | null;
  /** Which cost reports show (model/cost-mode.ts). */
  readonly costMode: CostMode;
  /**
   * The source kind reports read where a billing export and request logs cover the same provider and
   * UTC day: `--prefer billing|logs` > `LLMCOST_PREFER` > config `prefer` > billing.
   */
  readonly preferKind: SourceKind;
  /** Negotiated rates from the config file, applied on top of the price book. */
  readonly priceOverrides: readonly PriceOverride[];
  /** Named CSV column mappings from the config file (`--map-profile`). */
  readonly csvMappings: Readonly<Record<string, ColumnMapping>>;
  /** Budgets from the config file, in file order. */
  readonly budgets: readonly Budget[];
  /** Config `teams`: the team of usage whose source names none (store/dimension-sql.ts). */
  readonly teamRules: readonly TeamRule[];
  /** Cost centers, allocation rules, pools and adjustments from the config file, or null if it has none. */
  readonly chargeback: ChargebackConfig | null;
  /** The optimizer's weights and quality floor: config `optimizer`, else the defaults. */
  readonly optimizer: OptimizerSettings;
  /** The config's `tokenizerRatios` (family → tokens relative to OpenAI o200k); empty: the defaults. */
  readonly tokenizerRatios: Readonly<Record<string, number>>;
  /** The config file read, or null when none was found (where a new CSV profile is saved). */
  readonly configPath: string | null;
}

const FORMAT_BY_EXTENSION: Record<string, OutputFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.md': 'md',
  '.txt': 'table',
  '.xlsx': 'xlsx',
  '.html': 'html',
  '.htm': 'html',
};

export function resolveSettings(flags: GlobalFlags, ctx: Context): Settings {
  const loaded = loadConfig(flags.config, ctx.cwd, ctx.env, ctx.homeDir);
  if (!loaded.ok) throw new ConfigError(loaded.message);
  const { config, warnings } = loaded.loaded;
  for (const warning of warnings) ctx.stderr.write(`llmcost: warning: ${warning}\n`);

  const explicitZone = flags.tz ?? ctx.env.LLMCOST_TZ ?? config.timeZone;
  if (explicitZone !== undefined && !isValidTimeZone(explicitZone)) {
    throw new UsageError(
      `--tz: expected an IANA time zone such as "UTC" or "Europe/Berlin", got "${explicitZone}"`,
    );
  }
  // The system zone is asked for only when used: the first Intl call loads ICU's zone data (~15 ms),
  // which commands that never convert a time (a re-scan of unchanged logs) need not pay.
  let zone = explicitZone ?? null;
  const timeZone = (): string => (zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
  const dbPath = resolve(
    ctx.cwd,
    flags.db ?? ctx.env.LLMCOST_DB ?? config.db ?? join(dataHome(ctx), 'llmcost', 'llmcost.db'),
  );

  const outPath = flags.out === undefined ? null : resolve(ctx.cwd, flags.out);
  let format: OutputFormat = 'table';
  if (flags.format !== undefined) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.format)) {
      throw new UsageError(`--format: expected one of ${OUTPUT_FORMATS.join(', ')}, got "${flags.format}"`);
    }
    format = flags.format as OutputFormat;
  } else if (outPath !== null) {
    const byExtension = FORMAT_BY_EXTENSION[extname(outPath).toLowerCase()];
    if (byExtension === undefined) {
      throw new UsageError(
        `--out: cannot tell the format from "${flags.out ?? ''}"; use .json, .csv, .md, .txt, .xlsx or .html, or pass --format`,
      );
    }
    format = byExtension;
  }
  const asOfMs =
    flags.asOf === undefined ? ctx.nowMs : endOf(parseDateFlag(flags.asOf, '--as-of'), timeZone());
  const costModeText = flags.cost ?? ctx.env.LLMCOST_COST ?? config.costMode ?? 'auto';
  if (!(COST_MODES as readonly string[]).includes(costModeText)) {
    throw new UsageError(`--cost: expected one of ${COST_MODES.join(', ')}, got "${costModeText}"`);
  }
  const preference = flags.prefer ?? ctx.env.LLMCOST_PREFER ?? config.prefer ?? 'billing';
  if (!(SOURCE_PREFERENCES as readonly string[]).includes(preference)) {
    throw new UsageError(`--prefer: expected one of ${SOURCE_PREFERENCES.join(', ')}, got "${preference}"`);
  }
  const currency = (flags.currency ?? ctx.env.LLMCOST_CURRENCY ?? config.currency ?? 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new UsageError(`--currency: expected an ISO 4217 code such as EUR, got "${currency}"`);
  }
  const userBook = userPriceBookPath(ctx);
  const pricingFile =
    flags.pricing ??
    ctx.env.LLMCOST_PRICING ??
    config.pricingFile ??
    (existsSync(userBook) ? userBook : null);
  return {
    dbPath,
    get timeZone() {
      return timeZone();
    },
    asOfMs,
    format,
    outPath,
    isQuiet: flags.quiet === true,
    pricingFile,
    costMode: costModeText as CostMode,
    preferKind: preferredKind(preference as SourcePreference),
    currency,
    exchangeRatesFile: config.exchangeRatesFile ?? null,
    priceOverrides: config.priceOverrides ?? [],
    csvMappings: config.csvMappings ?? {},
    budgets: config.budgets ?? [],
    teamRules: config.teams ?? [],
    chargeback: config.chargeback ?? null,
    optimizer: config.optimizer ?? DEFAULT_OPTIMIZER_SETTINGS,
    tokenizerRatios: config.tokenizerRatios ?? {},
    configPath: loaded.loaded.path,
  };
}

/** The user's own price book: where `pricing import` writes by default (`$XDG_DATA_HOME/llmcost/pricing.json`). */
export function userPriceBookPath(ctx: Pick<Context, 'env' | 'homeDir'>): string {
  return join(dataHome(ctx), 'llmcost', 'pricing.json');
}

function dataHome(ctx: Pick<Context, 'env' | 'homeDir'>): string {
  return ctx.env.XDG_DATA_HOME ?? join(ctx.homeDir, '.local', 'share');
}
