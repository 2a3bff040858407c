import { COST_MODE_DESCRIPTIONS, type CostMode } from '../model/cost-mode.ts';
import type { SourceKind } from '../model/source-kind.ts';

/** What a chargeback file says about itself: what it covers and how to reproduce it. */
export interface ChargebackProvenance {
  /** `YYYY-MM`. */
  readonly period: string;
  readonly fromMs: number;
  /** Exclusive: the month's end, or `--as-of` when earlier. */
  readonly untilMs: number;
  readonly timeZone: string;
  readonly costMode: CostMode;
  readonly preferKind: SourceKind;
  /** The config file holding the rules, or null. */
  readonly configPath: string | null;
  /** hashChargebackConfig of the rules, pools and adjustments. */
  readonly rulesHash: string;
  /** Price book (+ overrides) version that priced the stored usage, sorted. */
  readonly pricingVersions: readonly string[];
  readonly unpricedRecords: number;
  readonly generatedAtMs: number;
}

/** The About facts (XLSX sheet, invoice footer) as label/value pairs, in the house order of report-about.ts. */
export function chargebackAbout(provenance: ChargebackProvenance): [string, string][] {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return [
    ['Period', provenance.period],
    ['From', iso(provenance.fromMs)],
    ['Until (exclusive)', iso(provenance.untilMs)],
    ['Time zone', provenance.timeZone],
    ['Cost mode', `${provenance.costMode}: ${COST_MODE_DESCRIPTIONS[provenance.costMode]}`],
    ['Overlapping sources', `${provenance.preferKind} preferred where a billing export and logs overlap`],
    ['Currency', 'USD, rounded to cents by largest remainder'],
    ['Rules file', provenance.configPath ?? '-'],
    ['Rules hash', provenance.rulesHash],
    ['Price-book versions', provenance.pricingVersions.join(', ') || 'none'],
    ['Unpriced records', `${provenance.unpricedRecords} (no cost in this cost mode: charged to nobody)`],
    ['Order of operations', 'direct → shared pools → markup/discount/tiers → credits → prepaid → tax'],
    ['Generated at', iso(provenance.generatedAtMs)],
  ];
}
