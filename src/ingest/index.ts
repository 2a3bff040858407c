import type { Adapter } from './adapter.ts';
import { opensJsonDocument } from './json-document-reader.ts';
import { anthropicConsoleCsvAdapter } from './anthropic-console-csv.ts';
import { anthropicCostAdapter } from './anthropic-cost.ts';
import { anthropicUsageAdapter } from './anthropic-usage.ts';
import { bedrockAdapter } from './bedrock.ts';
import { claudeCodeAdapter } from './claude-code.ts';
import { geminiAdapter } from './gemini.ts';
import { genericCsvAdapter } from './generic-csv.ts';
import { langfuseAdapter } from './langfuse.ts';
import { litellmAdapter } from './litellm.ts';
import { llmcostJsonlAdapter } from './llmcost-jsonl.ts';
import { openaiCostsAdapter } from './openai-costs.ts';
import { openaiResponsesAdapter } from './openai-responses.ts';
import { openaiUsageAdapter } from './openai-usage.ts';
import { openrouterAdapter } from './openrouter.ts';

/**
 * Every input format llmcost reads, in sniffing order: the most specific shapes first, so that
 * `--from auto` picks the same adapter a person would. Claude Code logs come first because a large
 * log directory holds thousands of them and they are recognised on their first line. Of two billing
 * exports of one provider, the one recognised by a distinctive field (a cost result, `amount`) comes
 * before the one that also claims pages of empty buckets. A new format = adapter + entry here +
 * fixtures + tests (src/ingest/README.md).
 *
 * Why this order: Langfuse observations may carry LiteLLM metadata, and both LiteLLM payloads and
 * Langfuse observations may embed a raw provider response (Gemini `usageMetadata`, an OpenAI
 * `chat.completion`), so the loggers come before the response formats they can contain. `csv` is
 * last and never sniffs: a CSV without a known header is not guessed at.
 */
export const ADAPTERS: readonly Adapter[] = [
  claudeCodeAdapter,
  openaiCostsAdapter,
  openaiUsageAdapter,
  anthropicCostAdapter,
  anthropicUsageAdapter,
  anthropicConsoleCsvAdapter,
  bedrockAdapter,
  langfuseAdapter,
  litellmAdapter,
  openrouterAdapter,
  geminiAdapter,
  openaiResponsesAdapter,
  llmcostJsonlAdapter,
  genericCsvAdapter,
];

export const FORMAT_NAMES: readonly string[] = ADAPTERS.map((adapter) => adapter.format);

export function findAdapter(format: string): Adapter | undefined {
  return ADAPTERS.find((adapter) => adapter.format === format);
}

const DEFAULT_SNIFF_LINES = 5;
/** For a pretty-printed JSON document: enough lines to reach the keys that tell its format. */
const DOCUMENT_DEFAULT_SNIFF_LINES = 40;

/** The adapter whose sniffer recognises these first lines (each sees as many as it asks for), or undefined. */
export function sniffAdapter(firstLines: readonly string[]): Adapter | undefined {
  if (firstLines.length === 0) return undefined;
  return ADAPTERS.find((adapter) => adapter.sniff(sniffedLines(adapter, firstLines)));
}

/**
 * The first lines an adapter's sniffer sees: its own `sniffLines`, else 5, or 40 when the file opens a
 * pretty-printed JSON document (which shows what it is only after its opening lines).
 */
export function sniffedLines(adapter: Adapter, firstLines: readonly string[]): readonly string[] {
  const first = firstLines[0]?.trim() ?? '';
  const defaultLines = opensJsonDocument(first) ? DOCUMENT_DEFAULT_SNIFF_LINES : DEFAULT_SNIFF_LINES;
  return firstLines.slice(0, adapter.sniffLines ?? defaultLines);
}
