import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/output/report-json.ts';
import { makeSandbox, type Sandbox } from '../helpers/run-cli.ts';
import { AS_OF, fixturePath, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

/**
 * fixtures/overlap: an Anthropic usage report (billing export, by model, 2026-11-03 and -04) and a
 * Claude Code session (request logs, 2026-11-03 and -05) describing the same Sonnet traffic on 11-03.
 */
const BILLING = fixturePath('overlap/anthropic-usage-by-model.json');
const LOGS = fixturePath('overlap/claude-code');

function ingestBoth(): Sandbox {
  const sandbox = makeSandbox();
  const ingest = runLlmcost(['ingest', BILLING, LOGS], sandbox);
  expect(ingest.code, ingest.stderr).toBe(0);
  return sandbox;
}

const inputByDay = (sandbox: Sandbox, args: readonly string[] = []) =>
  reportJson(sandbox, ['--by', 'day', ...args]).rows.map((row) => [row.period, row.inputTokens]);

describe('a billing export and request logs of the same provider and day', () => {
  it('are not added up: the billing export is used where both cover a day, each alone elsewhere', () => {
    const sandbox = ingestBoth();
    expect(inputByDay(sandbox)).toEqual([
      ['2026-11-03', 1_700],
      ['2026-11-04', 800],
      ['2026-11-05', 10],
    ]);
    expect(reportJson(sandbox).overlap).toEqual([
      { provider: 'anthropic', days: ['2026-11-03'], kindUsed: 'billing', kindLeftOut: 'requests' },
    ]);
  });

  it('uses the request logs there with --prefer logs, LLMCOST_PREFER=logs or config "prefer"', () => {
    const sandbox = ingestBoth();
    const logsFirst = [
      ['2026-11-03', 1_000],
      ['2026-11-04', 800],
      ['2026-11-05', 10],
    ];
    expect(inputByDay(sandbox, ['--prefer', 'logs'])).toEqual(logsFirst);
    expect(reportJson(sandbox, ['--prefer', 'logs']).overlap).toMatchObject([{ kindUsed: 'requests' }]);
    const fromEnv = runLlmcost(['report', '--format', 'json', '--as-of', AS_OF], sandbox, {
      env: { LLMCOST_PREFER: 'logs' },
    });
    expect((JSON.parse(fromEnv.stdout) as ReportJson).totals.inputTokens).toBe(1_810);
    const config = join(sandbox.dir, 'llmcost.config.json');
    writeFileSync(config, JSON.stringify({ prefer: 'logs' }));
    expect(reportJson(sandbox, ['--config', config]).totals.inputTokens).toBe(1_810);
    expect(reportJson(sandbox, ['--config', config, '--prefer', 'billing']).totals.inputTokens).toBe(2_510);
  });

  it('says which kind it used in a footnote of the table', () => {
    const sandbox = ingestBoth();
    const table = runLlmcost(['report', '--by', 'day', '--as-of', AS_OF], sandbox);
    expect(table.stdout).toContain(
      '≈ anthropic: a billing export and request logs both cover 2026-11-03 (UTC); these figures use the',
    );
    expect(table.stdout).toContain('billing export there, not both (--prefer logs to switch;');
  });

  it('rejects an unknown preference with exit 2', () => {
    const result = runLlmcost(['report', '--prefer', 'both'], makeSandbox());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'both' is invalid");
  });
});
