import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../helpers/run-cli.ts';
import { reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

interface FormatItem {
  readonly format: string;
  readonly description: string;
  readonly example: string;
}

const FORMAT_NAMES = ['claude-code', 'openai-responses', 'llmcost-jsonl'];

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
    expect(result.stdout.match(/^ +e\.g\. \{/gm)).toHaveLength(FORMAT_NAMES.length);
  });

  it.each(FORMAT_NAMES)('lists %s in --format json with an example that ingest --from accepts', (format) => {
    const sandbox = makeSandbox();
    const listed = JSON.parse(runLlmcost(['formats', '--format', 'json'], sandbox).stdout) as FormatItem[];
    expect(listed.map((item) => item.format)).toEqual(FORMAT_NAMES);
    const item = listed.find((candidate) => candidate.format === format)!;
    expect(item.description).not.toBe('');
    const ingest = runLlmcost(['ingest', '-', '--from', format], sandbox, { input: `${item.example}\n` });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain(`<stdin> [${format}]: 1 rows: 1 new, 0 duplicate, 0 rejected\n`);
    expect(reportJson(sandbox).totals.records).toBe(1);
  });
});
