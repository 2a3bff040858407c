import type { Adapter } from './adapter.ts';
import { bedrockAdapter } from './bedrock.ts';
import { claudeCodeAdapter } from './claude-code.ts';
import { geminiAdapter } from './gemini.ts';
import { genericCsvAdapter } from './generic-csv.ts';
import { langfuseAdapter } from './langfuse.ts';
import { litellmAdapter } from './litellm.ts';
import { llmcostJsonlAdapter } from './llmcost-jsonl.ts';
import { openaiResponsesAdapter } from './openai-responses.ts';
import { openrouterAdapter } from './openrouter.ts';

/**
 * Every input format llmcost reads, in sniffing order: the most specific shapes first, so that
 * `--from auto` picks the same adapter a person would. A new format = adapter + entry here +
 * fixtures + tests (src/ingest/README.md).
 *
 * Why this order: Langfuse observations may carry LiteLLM metadata, and both LiteLLM payloads and
 * Langfuse observations may embed a raw provider response (Gemini `usageMetadata`, an OpenAI
 * `chat.completion`), so the loggers come before the response formats they can contain. `csv` is
 * last and never sniffs: a CSV without a known header is not guessed at.
 */
export const ADAPTERS: readonly Adapter[] = [
  claudeCodeAdapter,
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

/** The adapter whose sniffer recognises these first lines, or undefined. */
export function sniffAdapter(firstLines: readonly string[]): Adapter | undefined {
  if (firstLines.length === 0) return undefined;
  return ADAPTERS.find((adapter) => adapter.sniff(firstLines));
}
