import { copyFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../helpers/run-cli.ts';
import { fixturePath, maskSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

/**
 * Every good fixture of each billing export, ingested with --from auto, and what the report must
 * then say: tokens by class, request counts (unknown for Anthropic's reports), stated costs exact.
 */
const EXPORTS = [
  {
    format: 'openai-usage',
    files: [
      'openai-usage/completions-2026-11-01.json',
      'openai-usage/completions-pages.jsonl',
      'openai-usage/completions_usage_2026-11-01_2026-11-05.csv',
      'openai-usage/other-endpoints.json',
    ],
    // 6 completions rows (the CSV and page 1 of the JSONL repeat the pretty page) + 5 other rows.
    totals: {
      records: 11,
      requests: 3_327,
      requestsUnknown: 0,
      inputTokens: 992_000,
      cacheReadTokens: 132_000,
      cacheWriteUnknownTtlTokens: 2_000,
      outputTokens: 136_100,
      webSearchRequests: 55,
      reportedCostPico: '0',
    },
  },
  {
    format: 'openai-costs',
    files: ['openai-costs/costs-2026-11-01.json', 'openai-costs/cost_2026-11-01_2026-11-03.csv'],
    totals: { records: 5, requests: 0, requestsUnknown: 0, inputTokens: 0, reportedCostPico: '756000000000' },
  },
  {
    format: 'anthropic-usage',
    files: ['anthropic-usage/usage-report-2026-11-01.json', 'anthropic-usage/usage-report-pages.jsonl'],
    totals: {
      records: 4,
      requests: 0,
      requestsUnknown: 4,
      inputTokens: 283_000,
      cacheReadTokens: 120_000,
      cacheWrite5mTokens: 4_000,
      cacheWrite1hTokens: 2_000,
      outputTokens: 34_500,
      webSearchRequests: 3,
      reportedCostPico: '0',
    },
  },
  {
    format: 'anthropic-cost',
    files: ['anthropic-cost/cost-report-2026-11.json'],
    // 56.173456789 cents.
    totals: { records: 11, requests: 0, requestsUnknown: 0, reportedCostPico: '561734567890' },
  },
  {
    format: 'anthropic-console-csv',
    files: [
      'anthropic-console-csv/claude_api_tokens_2026_11.csv',
      'anthropic-console-csv/claude_api_cost_2026_11.csv',
    ],
    // 4 usage rows (one repeated row stored once) + 7 cost rows of $0.27 in all.
    totals: {
      records: 11,
      requestsUnknown: 4,
      inputTokens: 73_000,
      cacheReadTokens: 120_000,
      outputTokens: 31_500,
      reportedCostPico: '270000000000',
    },
  },
] as const;

const paths = (files: readonly string[]): string[] => files.map((file) => `fixtures/${file}`);

describe('llmcost ingest: billing exports', () => {
  it.each(EXPORTS)(
    'reads $format fixtures with --from auto: tokens, requests, costs',
    ({ format, files, totals }) => {
      const sandbox = makeSandbox();
      const result = runLlmcost(['ingest', ...paths(files)], sandbox);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      for (const file of files) expect(result.stdout).toContain(`fixtures/${file} [${format}]:`);
      expect(reportJson(sandbox, ['--cost', 'reported']).totals).toMatchObject(totals);
    },
  );

  it.each(EXPORTS)(
    'adds nothing when $format fixtures are ingested again, even re-read in full',
    ({ files }) => {
      const sandbox = makeSandbox();
      runLlmcost(['ingest', ...paths(files)], sandbox);
      const before = reportJson(sandbox, ['--cost', 'reported']).totals;
      const again = runLlmcost(['ingest', ...paths(files)], sandbox);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`(${files.length} unchanged), 0 rows read, 0 new`);
      const forced = runLlmcost(['ingest', '--force', ...paths(files)], sandbox);
      expect(forced.code).toBe(0);
      expect(forced.stdout).toMatch(/ 0 new, \d+ duplicate, 0 updated, 0 rejected\.\n$/);
      expect(reportJson(sandbox, ['--cost', 'reported']).totals).toEqual(before);
    },
  );

  it('adds nothing for the same page saved in another file, or the dashboard CSV of the same buckets', () => {
    const sandbox = makeSandbox();
    runLlmcost(['ingest', 'fixtures/openai-usage/completions-2026-11-01.json'], sandbox);
    const jsonl = runLlmcost(['ingest', 'fixtures/openai-usage/completions-pages.jsonl'], sandbox);
    expect(jsonl.stdout).toContain('6 rows: 2 new, 4 duplicate, 0 rejected');
    const csv = runLlmcost(
      ['ingest', 'fixtures/openai-usage/completions_usage_2026-11-01_2026-11-05.csv'],
      sandbox,
    );
    expect(csv.stdout).toContain('6 rows: 0 new, 6 duplicate, 0 rejected');
  });

  it('reads a saved page again whole when only its mtime changed (no final newline, no tail read)', () => {
    const sandbox = makeSandbox();
    const copy = join(sandbox.dir, 'usage.json');
    copyFileSync(fixturePath('anthropic-usage/usage-report-2026-11-01.json'), copy);
    expect(runLlmcost(['ingest', copy], sandbox).code).toBe(0);
    utimesSync(copy, new Date('2026-11-20T00:00:00Z'), new Date('2026-11-20T00:00:00Z'));
    const again = runLlmcost(['ingest', copy], sandbox);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(maskSandbox(again.stdout, sandbox)).toContain(
      '<sandbox>/usage.json [anthropic-usage]: 2 rows: 0 new, 2 duplicate',
    );
  });

  it('says the request count is unknown for Anthropic usage in the table report', () => {
    const sandbox = makeSandbox();
    runLlmcost(['ingest', 'fixtures/anthropic-usage/usage-report-pages.jsonl'], sandbox);
    const report = runLlmcost(['report', '--as-of', '2026-11-23', '--by', 'month'], sandbox);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(
      'Request count unknown for 4 records: the source does not count requests.',
    );
  });
});

describe('llmcost ingest: broken billing exports', () => {
  it.each([
    {
      file: 'openai-usage/broken.json',
      rejected: 5,
      message:
        'broken.json:33: field "data[0].results[1].input_tokens": expected a non-negative integer, got -3',
    },
    {
      file: 'openai-costs/broken.json',
      rejected: 4,
      message:
        'broken.json:18: field "data[0].results[1].amount.value": expected a decimal number, got "abc"',
    },
    {
      file: 'anthropic-usage/broken.json',
      rejected: 4,
      message: 'broken.json:41: field "data[0].results[2].cache_creation": expected an object, got 12',
    },
    {
      file: 'anthropic-cost/broken.json',
      rejected: 3,
      message:
        'broken.json:29: field "data[0].results[2].amount": expected a decimal string of cents such as "1250.5", got "1e3"',
    },
    {
      file: 'anthropic-console-csv/broken.csv',
      rejected: 5,
      message: 'broken.csv:6: expected 14 fields as in the header, got 9',
    },
  ])('$file: keeps the good rows, names each bad one, exits 1', ({ file, rejected, message }) => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', `fixtures/${file}`], sandbox);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`llmcost: fixtures/${file.replace(/[^/]+$/, '')}${message}\n`);
    expect(result.stderr.match(/^llmcost: fixtures\//gm)).toHaveLength(rejected);
    expect(result.stdout).toContain(`, ${rejected} rejected\n`);
    const strict = runLlmcost(['ingest', '--strict', `fixtures/${file}`], makeSandbox());
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('file rejected (--strict), nothing stored');
  });
});
