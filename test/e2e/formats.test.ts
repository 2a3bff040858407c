import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../helpers/run-cli.ts';
import { maskSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

interface FormatItem {
  readonly format: string;
  readonly description: string;
  readonly obtainedFrom: string;
  readonly example: string;
}

const FORMAT_NAMES = [
  'claude-code',
  'openai-costs',
  'openai-usage',
  'anthropic-cost',
  'anthropic-usage',
  'anthropic-console-csv',
  'bedrock',
  'langfuse',
  'litellm',
  'openrouter',
  'gemini',
  'openai-responses',
  'llmcost-jsonl',
  'csv',
];
/** `csv` is never detected: its example is ingested with a mapping of its columns. */
const CSV_MAP = 'timestamp=Date,model=Model,provider=openai,inputTokens=In,outputTokens=Out,cost=Cost';

describe('llmcost formats', () => {
  it('lists every format with a description and an example', () => {
    const result = runLlmcost(['formats'], makeSandbox());
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const named = result.stdout
      .split('\n')
      .filter((line) => /^\S/.test(line))
      .map((line) => line.split(/\s+/)[0]);
    expect(named).toEqual([...FORMAT_NAMES, 'Pass']);
    expect(result.stdout.match(/^ +e\.g\. /gm)).toHaveLength(FORMAT_NAMES.length);
    expect(result.stdout.match(/^ +from: /gm)).toHaveLength(FORMAT_NAMES.length);
  });

  it('lists them in --format json with an example line that --from auto recognises as that format', () => {
    const sandbox = makeSandbox();
    const listed = JSON.parse(runLlmcost(['formats', '--format', 'json'], sandbox).stdout) as FormatItem[];
    expect(listed.map((item) => item.format)).toEqual(FORMAT_NAMES);
    expect(listed.every((item) => item.description !== '' && item.obtainedFrom !== '')).toBe(true);
    const detected = FORMAT_NAMES.filter((format) => format !== 'csv');
    const examples = listed
      .filter((item) => item.format !== 'csv')
      .map((item) => {
        const file = join(sandbox.dir, `example-${item.format}.txt`);
        writeFileSync(file, `${item.example}\n`);
        return file;
      });
    const ingest = runLlmcost(['ingest', '--format', 'json', ...examples], sandbox);
    expect(ingest.code).toBe(0);
    const summary = JSON.parse(ingest.stdout) as {
      files: { path: string; format: string; rowsRead: number; stored: number; rejected: number }[];
    };
    expect(
      summary.files
        .map((file) => [
          maskSandbox(file.path, sandbox),
          file.format,
          file.rowsRead,
          file.stored,
          file.rejected,
        ])
        .toSorted(),
    ).toEqual(detected.toSorted().map((format) => [`<sandbox>/example-${format}.txt`, format, 1, 1, 0]));
    const csvFile = join(sandbox.dir, 'example.csv');
    writeFileSync(csvFile, `${listed.find((item) => item.format === 'csv')?.example ?? ''}\n`);
    const csvIngest = runLlmcost(['ingest', '--from', 'csv', '--map', CSV_MAP, csvFile], sandbox);
    expect([csvIngest.code, csvIngest.stderr]).toEqual([0, '']);
  });
});
