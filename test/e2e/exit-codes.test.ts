import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeSandbox, REPO_ROOT } from '../helpers/run-cli.ts';
import { AS_OF, fixtureLines, maskSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';
import { spawnCli } from '../helpers/spawn-cli.ts';

describe('exit codes (STYLE.md §4)', () => {
  it('0: --version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = runLlmcost(['--version'], makeSandbox());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it.each([
    {
      args: ['report', '--as-of', AS_OF],
      stderr:
        'llmcost: no database at <sandbox>/llmcost.db: ingest some usage first (llmcost ingest <files>)\n',
    },
    { args: ['ingest', 'missing.jsonl'], stderr: 'llmcost: no such file or directory: missing.jsonl\n' },
    {
      args: ['ingest', 'fixtures/llmcost-jsonl/broken.jsonl', '--quiet'],
      stderr: expect.stringContaining('broken.jsonl:1: field "output_token"') as unknown,
    },
  ])('1: $args', ({ args, stderr }) => {
    const sandbox = makeSandbox();
    const result = runLlmcost(args, sandbox);
    expect(result.code).toBe(1);
    expect(maskSandbox(result.stderr, sandbox)).toEqual(stderr);
  });

  it.each([
    { args: ['report', '--bogus'], stderr: "llmcost: unknown option '--bogus'" },
    { args: ['frobnicate'], stderr: "llmcost: unknown command 'frobnicate'" },
    { args: ['report', '--by', 'year'], stderr: 'expected one of hour, day, week, month, none, got "year"' },
    {
      args: ['report', '--tz', 'Mars/Olympus_Mons'],
      stderr:
        'llmcost: --tz: expected an IANA time zone such as "UTC" or "Europe/Berlin", got "Mars/Olympus_Mons"',
    },
    { args: ['report', '--top', '0'], stderr: 'expected a whole number ≥ 1, got "0"' },
    {
      args: ['report', '--since', 'yesterday'],
      stderr: 'llmcost: --since: expected a date (2026-10-01) or an ISO 8601 instant with zone',
    },
    {
      args: ['report', '--as-of', AS_OF, '--since', '2026-11-05', '--until', '2026-11-01'],
      stderr: 'llmcost: --since must be before --until',
    },
    {
      args: ['report', '--out', 'report.pdf'],
      stderr: 'llmcost: --out: cannot tell the format from "report.pdf"',
    },
    { args: ['ingest'], stderr: 'llmcost: name the files or directories to ingest (or - for stdin)' },
    {
      args: ['ingest', 'x.jsonl', '--from', 'xlsx'],
      stderr:
        'llmcost: --from: unknown format "xlsx"; known: auto, claude-code, openai-costs, openai-usage, anthropic-cost, anthropic-usage, anthropic-console-csv, bedrock, langfuse, litellm, openrouter, gemini, openai-responses, llmcost-jsonl, csv',
    },
  ])('2: $args', ({ args, stderr }) => {
    const result = runLlmcost(args, makeSandbox());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(stderr);
  });

  it('130: SIGINT during ingest from stdin leaves the store without any of the rows', async () => {
    const sandbox = makeSandbox();
    const { child, exited } = spawnCli(
      ['ingest', '-', '--from', 'llmcost-jsonl', '--db', sandbox.db],
      sandbox,
    );
    child.stdin.write(`${fixtureLines('llmcost-jsonl/usage.jsonl').slice(0, 5).join('\n')}\n`);
    // The WAL file appears once the ingest transaction has started writing.
    await vi.waitFor(() => {
      expect(existsSync(`${sandbox.db}-wal`)).toBe(true);
    });
    child.kill('SIGINT');
    const result = await exited;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('\nllmcost: interrupted\n');
    expect(reportJson(sandbox).totals.records).toBe(0);
    const retried = runLlmcost(['ingest', 'fixtures/llmcost-jsonl/usage.jsonl'], sandbox);
    expect(retried.stdout).toContain('20 rows: 18 new, 2 duplicate');
  });
});
