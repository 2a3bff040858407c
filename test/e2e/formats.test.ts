import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../helpers/run-cli.ts';
import { maskSandbox, runLlmcost } from '../helpers/run-llmcost.ts';

interface FormatItem {
  readonly format: string;
  readonly description: string;
  readonly example: string;
}

const FORMAT_NAMES = [
  'claude-code',
  'openai-costs',
  'openai-usage',
  'anthropic-cost',
  'anthropic-usage',
  'anthropic-console-csv',
  'openai-responses',
  'llmcost-jsonl',
];

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
    expect(result.stdout.match(/^ +e\.g\. \S/gm)).toHaveLength(FORMAT_NAMES.length);
  });

  it('lists them in --format json with an example line that --from auto recognises as that format', () => {
    const sandbox = makeSandbox();
    const listed = JSON.parse(runLlmcost(['formats', '--format', 'json'], sandbox).stdout) as FormatItem[];
    expect(listed.map((item) => item.format)).toEqual(FORMAT_NAMES);
    expect(listed.every((item) => item.description !== '')).toBe(true);
    const examples = listed.map((item) => {
      const file = join(sandbox.dir, `example-${item.format}.jsonl`);
      writeFileSync(file, `${item.example}\n`);
      return file;
    });
    const ingest = runLlmcost(['ingest', ...examples], sandbox);
    expect(ingest.code).toBe(0);
    expect(maskSandbox(ingest.stdout, sandbox)).toBe(
      [
        ...FORMAT_NAMES.toSorted().map(
          (format) => `<sandbox>/example-${format}.jsonl [${format}]: 1 row: 1 new, 0 duplicate, 0 rejected`,
        ),
        `Ingested: ${FORMAT_NAMES.length} files (0 unchanged), ${FORMAT_NAMES.length} rows read, ` +
          `${FORMAT_NAMES.length} new, 0 duplicate, 0 updated, 0 rejected.`,
        '',
      ].join('\n'),
    );
  });
});
