import type { Adapter } from './adapter.ts';
import { claudeCodeAdapter } from './claude-code.ts';
import { llmcostJsonlAdapter } from './llmcost-jsonl.ts';
import { openaiResponsesAdapter } from './openai-responses.ts';

/**
 * Every input format llmcost reads, in sniffing order: the most specific shapes first, so that
 * `--from auto` picks the same adapter a person would. A new format = adapter + entry here +
 * fixtures + tests (src/ingest/README.md).
 */
export const ADAPTERS: readonly Adapter[] = [claudeCodeAdapter, openaiResponsesAdapter, llmcostJsonlAdapter];

export const FORMAT_NAMES: readonly string[] = ADAPTERS.map((adapter) => adapter.format);

export function findAdapter(format: string): Adapter | undefined {
  return ADAPTERS.find((adapter) => adapter.format === format);
}

/** The adapter whose sniffer recognises these first lines, or undefined. */
export function sniffAdapter(firstLines: readonly string[]): Adapter | undefined {
  if (firstLines.length === 0) return undefined;
  return ADAPTERS.find((adapter) => adapter.sniff(firstLines));
}
