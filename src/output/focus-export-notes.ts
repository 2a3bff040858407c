import { COST_MODE_DESCRIPTIONS, type CostMode } from '../model/cost-mode.ts';
import { picoToDecimalString } from '../model/money.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { formatCount, pluralize, requestCountText } from './format-number.ts';

/** What a FOCUS export wrote, for the lines it prints on stderr. */
export interface FocusExportSummary {
  readonly rows: number;
  /** Sum of BilledCost, pico-USD. */
  readonly billedPico: bigint;
  readonly costMode: CostMode;
  /** Usage without a cost in the cost mode: not in the file (FOCUS costs cannot be null). */
  readonly unpriced: readonly UnpricedUsage[];
}

/**
 * The export's summary for stderr: rows and the exact BilledCost total (to reconcile with `llmcost
 * report`), the cost mode, and the usage left out for lack of a cost, per model with its reason. Such
 * usage is never written with a cost of 0: FOCUS costs may not be null, and 0 would be a placeholder
 * (§ Attributes › Null Handling).
 */
export function focusExportNotes(summary: FocusExportSummary): string[] {
  const notes = [
    `${pluralize(summary.rows, 'FOCUS row')}; BilledCost total ${picoToDecimalString(summary.billedPico)} USD: ${COST_MODE_DESCRIPTIONS[summary.costMode]} (--cost ${summary.costMode}).`,
  ];
  const records = summary.unpriced.reduce((sum, item) => sum + item.records, 0);
  if (records > 0) {
    const lacking = summary.costMode === 'reported' ? 'a stated cost' : 'a price';
    const tokens = summary.unpriced.reduce((sum, item) => sum + item.tokens, 0);
    notes.push(
      `left out for lack of ${lacking} (a FOCUS cost cannot be unknown, and is never written as 0): ${pluralize(records, 'record')}, ${formatCount(tokens)} tokens:`,
    );
    for (const item of summary.unpriced) {
      notes.push(
        `  ${item.provider}/${item.model}: ${requestCountText(item.requests, item.requestsUnknown)}, ${pluralize(item.tokens, 'token')}: ${item.reason}`,
      );
    }
  }
  return notes;
}
