import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/output/report-json.ts';
import { makeSandbox, type Sandbox } from '../helpers/run-cli.ts';
import { AS_OF, fixturePath, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

/**
 * fixtures/overlap: an Anthropic usage report (billing export, by model, 2026-11-03 and -04) and a
 * Claude Code session (request logs, 2026-11-03 and -05) describing the same Sonnet traffic on 11-03.
 */
const BILLING = fixturePath('overlap/anthropic-usage/by-model.json');
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

describe('two exports of one report grouped differently', () => {
  it('refuses the second file whole, with exit 1 and a message naming both groupings', () => {
    const sandbox = ingestBoth();
    const before = reportJson(sandbox).totals;
    const byKey = runLlmcost(['ingest', fixturePath('overlap/anthropic-usage/by-api-key.json')], sandbox);
    expect(byKey.code).toBe(1);
    expect(byKey.stderr).toContain(
      'anthropic-usage/by-api-key.json: refused: its anthropic-usage rows are grouped by api_key_id, model; ' +
        '1-day buckets, but ',
    );
    expect(byKey.stderr).toContain('(stored earlier) covers the same time grouped by model; 1-day buckets.');
    expect(byKey.stdout).toContain('file refused, nothing stored');
    expect(reportJson(sandbox).totals).toEqual(before);
  });

  it('refuses the later file of one run and keeps the others', () => {
    const sandbox = makeSandbox();
    // Paths are ingested in sorted order: by-api-key before by-model.
    const both = runLlmcost(
      ['ingest', BILLING, fixturePath('overlap/anthropic-usage/by-api-key.json'), LOGS],
      sandbox,
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('anthropic-usage/by-model.json: refused');
    expect(inputByDay(sandbox, ['--prefer', 'logs'])).toEqual([
      ['2026-11-03', 1_000],
      ['2026-11-05', 10],
    ]);
  });

  it('still takes a re-export with the same grouping (duplicates, exit 0)', () => {
    const sandbox = ingestBoth();
    const again = runLlmcost(['ingest', '--force', BILLING, '--format', 'json'], sandbox);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ files: [{ outcome: 'ingested', duplicate: 3 }] });
  });
});

describe('an export saved again over the same path with another grouping', () => {
  it('is refused too: the rows stored from the earlier version would stay', () => {
    const sandbox = makeSandbox();
    const path = join(sandbox.dir, 'usage.json');
    copyFileSync(BILLING, path);
    expect(runLlmcost(['ingest', path], sandbox).code).toBe(0);
    copyFileSync(fixturePath('overlap/anthropic-usage/by-api-key.json'), path);
    const again = runLlmcost(['ingest', path], sandbox);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('usage.json (stored earlier) covers the same time grouped by model');
  });
});
