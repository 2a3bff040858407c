import type { Adapter } from './adapter.ts';
import { anthropicConsoleCsvAdapter } from './anthropic-console-csv.ts';
import { anthropicCostAdapter } from './anthropic-cost.ts';
import { anthropicUsageAdapter } from './anthropic-usage.ts';
import { claudeCodeAdapter } from './claude-code.ts';
import { llmcostJsonlAdapter } from './llmcost-jsonl.ts';
import { openaiCostsAdapter } from './openai-costs.ts';
import { openaiResponsesAdapter } from './openai-responses.ts';
import { openaiUsageAdapter } from './openai-usage.ts';

/**
 * Every input format llmcost reads, in sniffing order: the most specific shapes first, so that
 * `--from auto` picks the same adapter a person would. Claude Code logs come first because a large
 * log directory holds thousands of them and they are recognised on their first line. Of two billing
 * exports of one provider, the one recognised by a distinctive field (a cost result, `amount`) comes
 * before the one that also claims pages of empty buckets. A new format = adapter + entry here +
 * fixtures + tests (src/ingest/README.md).
 */
export const ADAPTERS: readonly Adapter[] = [
  claudeCodeAdapter,
  openaiCostsAdapter,
  openaiUsageAdapter,
  anthropicCostAdapter,
  anthropicUsageAdapter,
  anthropicConsoleCsvAdapter,
  openaiResponsesAdapter,
  llmcostJsonlAdapter,
];

export const FORMAT_NAMES: readonly string[] = ADAPTERS.map((adapter) => adapter.format);

export function findAdapter(format: string): Adapter | undefined {
  return ADAPTERS.find((adapter) => adapter.format === format);
}

const DEFAULT_SNIFF_LINES = 5;

/** The adapter whose sniffer recognises these first lines (each sees as many as it asks for), or undefined. */
export function sniffAdapter(firstLines: readonly string[]): Adapter | undefined {
  if (firstLines.length === 0) return undefined;
  return ADAPTERS.find((adapter) =>
    adapter.sniff(firstLines.slice(0, adapter.sniffLines ?? DEFAULT_SNIFF_LINES)),
  );
}
