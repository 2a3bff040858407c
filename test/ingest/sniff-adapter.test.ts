import { describe, expect, it } from 'vitest';
import { ADAPTERS, sniffAdapter } from '../../src/ingest/index.ts';
import { peekFileLines } from '../../src/ingest/peek-lines.ts';
import { fixturePath } from '../helpers/run-llmcost.ts';

/** Every fixture of every format, and the format `--from auto` must pick for it (none: not guessed). */
const EXPECTED: readonly (readonly [string, string | undefined])[] = [
  ['bedrock/invocations.jsonl', 'bedrock'],
  ['bedrock/pretty.json', 'bedrock'],
  ['bedrock/broken.jsonl', 'bedrock'],
  ['gemini/responses.jsonl', 'gemini'],
  ['gemini/batch-output.jsonl', 'gemini'],
  ['gemini/broken.jsonl', 'gemini'],
  ['openrouter/activity.csv', 'openrouter'],
  ['openrouter/by-model.csv', 'openrouter'],
  ['openrouter/generations.jsonl', 'openrouter'],
  ['openrouter/broken.csv', 'openrouter'],
  ['litellm/spend-logs.json', 'litellm'],
  ['litellm/spend-logs.csv', 'litellm'],
  ['litellm/payloads.jsonl', 'litellm'],
  ['litellm/broken.json', 'litellm'],
  ['langfuse/observations-v2.json', 'langfuse'],
  ['langfuse/observations-v1.jsonl', 'langfuse'],
  ['langfuse/broken.jsonl', 'langfuse'],
  ['csv/usage.csv', undefined],
  ['csv/broken.csv', undefined],
  ['openai-responses/responses.jsonl', 'openai-responses'],
  ['openai-responses/batch-output.jsonl', 'openai-responses'],
  ['openai-responses/batch-errors.jsonl', 'openai-responses'],
  // Its first five lines hold no OpenAI response (test/e2e/ingest.test.ts relies on that).
  ['openai-responses/broken.jsonl', undefined],
  ['llmcost-jsonl/usage.jsonl', 'llmcost-jsonl'],
  ['llmcost-jsonl/broken.jsonl', 'llmcost-jsonl'],
  ['claude-code/projects/-home-ada-src-shop-api/b7e2a9f4-1c3d-4e5f-8a9b-0c1d2e3f4a5b.jsonl', 'claude-code'],
  ['claude-code/projects/-home-ada-src-shop-api/5d0c7c52-8f0e-4b8e-9a53-2f7f3b6f1c10.jsonl', 'claude-code'],
  [
    'claude-code/projects/-home-ada-src-shop-api/5d0c7c52-8f0e-4b8e-9a53-2f7f3b6f1c10/subagents/agent-a81f3c2e.jsonl',
    'claude-code',
  ],
  ['claude-code/projects/-home-ada-notes/0a4d6e8f-2b1c-4d3e-9f8a-7b6c5d4e3f2a.jsonl', 'claude-code'],
];

describe('sniffAdapter over every fixture', () => {
  it.each(EXPECTED)('%s is read as %s', async (fixture, format) => {
    const lines = await peekFileLines(fixturePath(fixture));
    expect(sniffAdapter(lines)?.format).toBe(format);
  });

  it.each(EXPECTED)('%s is claimed by no other adapter, whatever the order', async (fixture, format) => {
    const lines = await peekFileLines(fixturePath(fixture));
    expect(ADAPTERS.filter((adapter) => adapter.sniff(lines)).map((adapter) => adapter.format)).toEqual(
      format === undefined ? [] : [format],
    );
  });
});
