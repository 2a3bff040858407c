import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../helpers/run-cli.ts';
import { fixtureLines, fixturePath, maskSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

// Totals of fixtures/llmcost-jsonl/usage.jsonl once stored (20 rows, 2 of them duplicates).
const USAGE_TOTALS = {
  records: 18,
  inputTokens: 171_536,
  outputTokens: 37_407,
  costPico: '593657440000',
} as const;

const CLAUDE_TAIL_WARNING =
  'llmcost: warning: fixtures/claude-code/projects/-home-ada-src-shop-api/b7e2a9f4-1c3d-4e5f-8a9b-0c1d2e3f4a5b.jsonl:5: ' +
  'last line is incomplete (no newline) and was not read; it will be read once the file is complete\n';

const FORMAT_CASES = [
  { format: 'llmcost-jsonl', paths: ['fixtures/llmcost-jsonl/usage.jsonl'], records: 18, stderr: '' },
  {
    format: 'openai-responses',
    paths: ['fixtures/openai-responses/responses.jsonl', 'fixtures/openai-responses/batch-output.jsonl'],
    records: 11,
    stderr: '',
  },
  { format: 'claude-code', paths: ['fixtures/claude-code'], records: 6, stderr: CLAUDE_TAIL_WARNING },
] as const;

describe('llmcost ingest: formats', () => {
  it.each(FORMAT_CASES)(
    'reads $format fixtures with --from auto',
    async ({ format, paths, records, stderr }) => {
      const sandbox = makeSandbox();
      const result = runLlmcost(['ingest', ...paths], sandbox);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(stderr);
      await expect(result.stdout).toMatchFileSnapshot(`../golden/ingest/${format}.txt`);
      expect(reportJson(sandbox).totals.records).toBe(records);
    },
  );

  it.each(FORMAT_CASES)(
    'reads $format fixtures with an explicit --from',
    async ({ format, paths, stderr }) => {
      const result = runLlmcost(['ingest', '--from', format, ...paths], makeSandbox());
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(stderr);
      await expect(result.stdout).toMatchFileSnapshot(`../golden/ingest/${format}.txt`);
    },
  );

  it('fails with exit 1 on a file no adapter recognises, naming the file and the known formats', () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', 'fixtures/openai-responses/broken.jsonl'], sandbox);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'llmcost: fixtures/openai-responses/broken.jsonl: format not recognised; ' +
        'pass --from with one of: claude-code, openai-costs, openai-usage, anthropic-cost, anthropic-usage, anthropic-console-csv, bedrock, langfuse, litellm, openrouter, gemini, openai-responses, llmcost-jsonl, csv (llmcost formats); ' +
        'for any other CSV: --from csv --map timestamp=<column>,model=<column>,…\n',
    );
    expect(result.stdout).toContain('1 file could not be read (see above).');
  });

  it('prints a JSON summary with --format json', async () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', '--format', 'json', 'fixtures/llmcost-jsonl/broken.jsonl'], sandbox);
    expect(result.code).toBe(1);
    await expect(result.stdout).toMatchFileSnapshot('../golden/ingest/summary-json.txt');
  });
});

describe('llmcost ingest: bad input policy', () => {
  it('reports rejected rows as file:line: field, keeps the good rows and exits 1', async () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', 'fixtures/llmcost-jsonl/broken.jsonl'], sandbox);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'llmcost: fixtures/llmcost-jsonl/broken.jsonl:3: field "input_tokens": expected a non-negative integer, got "-3"\n',
    );
    await expect(result.stderr).toMatchFileSnapshot('../golden/ingest/broken-llmcost-jsonl-stderr.txt');
    expect(result.stdout).toContain(
      'fixtures/llmcost-jsonl/broken.jsonl [llmcost-jsonl]: 1 row: 1 new, 0 duplicate, 9 rejected\n',
    );
    expect(reportJson(sandbox).totals).toMatchObject({ records: 1, inputTokens: 10, outputTokens: 5 });
  });

  it('applies the same policy to openai-responses rows', async () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(
      ['ingest', '--from', 'openai-responses', 'fixtures/openai-responses/broken.jsonl'],
      sandbox,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'llmcost: fixtures/openai-responses/broken.jsonl:6: field "usage.prompt_tokens": expected a non-negative integer, got "-3"\n',
    );
    await expect(result.stderr).toMatchFileSnapshot('../golden/ingest/broken-openai-responses-stderr.txt');
    expect(reportJson(sandbox).totals).toMatchObject({ records: 1, inputTokens: 100, outputTokens: 10 });
  });

  it('rejects the whole file with --strict: nothing stored, exit 1', () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', '--strict', 'fixtures/llmcost-jsonl/broken.jsonl'], sandbox);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '1 row: 0 new, 0 duplicate, 9 rejected — file rejected (--strict), nothing stored',
    );
    expect(result.stderr).toContain('broken.jsonl:3: field "input_tokens"');
    expect(reportJson(sandbox).totals.records).toBe(0);
  });

  it('writes nothing with --dry-run: a real ingest afterwards still finds every row new', () => {
    const sandbox = makeSandbox();
    const dryRun = runLlmcost(['ingest', '--dry-run', 'fixtures/llmcost-jsonl/usage.jsonl'], sandbox);
    expect(dryRun.code).toBe(0);
    expect(existsSync(sandbox.db)).toBe(false);
    expect(dryRun.stdout).toContain(
      'Dry run (nothing written): 1 file (0 unchanged), 20 rows read, 18 new, 2 duplicate',
    );
    const real = runLlmcost(['ingest', 'fixtures/llmcost-jsonl/usage.jsonl'], sandbox);
    expect(real.stdout).toContain('Ingested: 1 file (0 unchanged), 20 rows read, 18 new, 2 duplicate');
  });

  it('counts each rejected line of a file whose problems are found at its end', () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', 'fixtures/openai-responses/batch-errors.jsonl'], sandbox);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 rejected.');
  });
});

describe('llmcost ingest: idempotence', () => {
  it('adds nothing when the same files are ingested again', () => {
    const sandbox = makeSandbox();
    const paths = ['fixtures/llmcost-jsonl/usage.jsonl', 'fixtures/claude-code'];
    expect(runLlmcost(['ingest', ...paths], sandbox).code).toBe(0);
    const first = reportJson(sandbox).totals;
    const again = runLlmcost(['ingest', ...paths], sandbox);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Ingested: 5 files (5 unchanged), 0 rows read, 0 new');
    const forced = runLlmcost(['ingest', '--force', ...paths], sandbox);
    expect(forced.stdout).toContain(
      'Ingested: 5 files (0 unchanged), 29 rows read, 0 new, 29 duplicate, 0 updated, 0 rejected.',
    );
    expect(reportJson(sandbox).totals).toEqual(first);
  });

  it('adds nothing when the same records come from another file', () => {
    const sandbox = makeSandbox();
    const copy = join(sandbox.dir, 'copy-of-usage.jsonl');
    copyFileSync(fixturePath('llmcost-jsonl/usage.jsonl'), copy);
    expect(runLlmcost(['ingest', 'fixtures/llmcost-jsonl/usage.jsonl'], sandbox).code).toBe(0);
    const result = runLlmcost(['ingest', copy], sandbox);
    expect(result.code).toBe(0);
    expect(maskSandbox(result.stdout, sandbox)).toContain(
      '<sandbox>/copy-of-usage.jsonl [llmcost-jsonl]: 20 rows: 0 new, 20 duplicate',
    );
    expect(reportJson(sandbox).totals).toMatchObject(USAGE_TOTALS);
  });

  it('reads only the appended lines of a grown file', () => {
    const sandbox = makeSandbox();
    const file = join(sandbox.dir, 'growing.jsonl');
    const lines = fixtureLines('llmcost-jsonl/usage.jsonl');
    writeFileSync(file, `${lines.slice(0, 5).join('\n')}\n`);
    expect(runLlmcost(['ingest', file], sandbox).stdout).toContain('5 rows: 5 new');
    appendFileSync(file, `${lines.slice(5).join('\n')}\n`);
    const grown = runLlmcost(['ingest', file], sandbox);
    expect(grown.code).toBe(0);
    expect(maskSandbox(grown.stdout, sandbox)).toContain(
      '<sandbox>/growing.jsonl [llmcost-jsonl]: 15 rows: 13 new, 2 duplicate, 0 rejected (appended lines only)\n',
    );
    expect(reportJson(sandbox).totals).toMatchObject(USAGE_TOTALS);
  });

  it('warns about an unterminated last line, exits 0, and reads it once it is complete', () => {
    const sandbox = makeSandbox();
    const file = join(sandbox.dir, 'being-written.jsonl');
    const lines = fixtureLines('llmcost-jsonl/usage.jsonl');
    const lastLine = lines[6]!;
    writeFileSync(file, `${lines.slice(0, 5).join('\n')}\n${lastLine.slice(0, 40)}`);
    const partial = runLlmcost(['ingest', file], sandbox);
    expect(partial.code).toBe(0);
    expect(maskSandbox(partial.stderr, sandbox)).toBe(
      'llmcost: warning: <sandbox>/being-written.jsonl:6: last line is incomplete (no newline) and was not read; ' +
        'it will be read once the file is complete\n',
    );
    expect(reportJson(sandbox).totals.records).toBe(5);
    appendFileSync(file, `${lastLine.slice(40)}\n`);
    const completed = runLlmcost(['ingest', file], sandbox);
    expect(completed.code).toBe(0);
    expect(completed.stderr).toBe('');
    expect(completed.stdout).toContain('1 row: 1 new, 0 duplicate, 0 rejected (appended lines only)');
    expect(reportJson(sandbox).totals.records).toBe(6);
  });
});

describe('llmcost ingest: where input comes from', () => {
  it('reads a .gz file', () => {
    const sandbox = makeSandbox();
    const file = join(sandbox.dir, 'usage.jsonl.gz');
    writeFileSync(file, gzipSync(readFileSync(fixturePath('llmcost-jsonl/usage.jsonl'))));
    const result = runLlmcost(['ingest', file], sandbox);
    expect(result.code).toBe(0);
    expect(maskSandbox(result.stdout, sandbox)).toContain(
      '<sandbox>/usage.jsonl.gz [llmcost-jsonl]: 20 rows: 18 new, 2 duplicate',
    );
    expect(reportJson(sandbox).totals).toMatchObject(USAGE_TOTALS);
  });

  it.each([
    { how: 'with --from', args: ['ingest', '-', '--from', 'openai-responses'] },
    { how: 'detecting the format', args: ['ingest', '-'] },
  ])('reads - (stdin) $how', ({ args }) => {
    const sandbox = makeSandbox();
    const input = `${fixtureLines('openai-responses/responses.jsonl').join('\n')}\n`;
    const result = runLlmcost(args, sandbox, { input });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<stdin> [openai-responses]: 8 rows: 7 new, 1 duplicate, 0 rejected\n');
    expect(reportJson(sandbox).totals.records).toBe(7);
  });

  it('reads a directory recursively (data files only, subfolders included)', () => {
    const sandbox = makeSandbox();
    const nested = join(sandbox.dir, 'logs', 'team-a', 'deep');
    mkdirSync(nested, { recursive: true });
    copyFileSync(fixturePath('llmcost-jsonl/usage.jsonl'), join(nested, 'usage.jsonl'));
    writeFileSync(join(sandbox.dir, 'logs', 'README.txt'), 'not a log\n');
    const result = runLlmcost(['ingest', join(sandbox.dir, 'logs')], sandbox);
    expect(result.code).toBe(0);
    expect(maskSandbox(result.stdout, sandbox)).toContain(
      '<sandbox>/logs/team-a/deep/usage.jsonl [llmcost-jsonl]: 20 rows',
    );
    expect(result.stdout).toContain('Ingested: 1 file');
  });

  it('expands a quoted glob itself', () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(
      ['ingest', 'fixtures/openai-responses/{responses,batch-output}.jsonl'],
      sandbox,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fixtures/openai-responses/responses.jsonl [openai-responses]');
    expect(result.stdout).toContain('fixtures/openai-responses/batch-output.jsonl [openai-responses]');
    expect(result.stdout).toContain('Ingested: 2 files (0 unchanged), 12 rows read, 11 new');
  });

  it('fails with exit 1 when a glob matches nothing', () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', 'fixtures/*/nothing-*.jsonl'], sandbox);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('llmcost: no files match "fixtures/*/nothing-*.jsonl"\n');
  });

  it('adds --tag to every record, visible in report --group-by tag:<key>', () => {
    const sandbox = makeSandbox();
    expect(
      runLlmcost(['ingest', '--tag', 'team=search', 'fixtures/llmcost-jsonl/usage.jsonl'], sandbox).code,
    ).toBe(0);
    const report = reportJson(sandbox, ['--by', 'none', '--group-by', 'tag:team']);
    expect(report.rows.map((row) => [row.group, row.records])).toEqual([[{ 'tag:team': 'search' }, 18]]);
  });

  it('reads CLAUDE_CONFIG_DIR with --from claude-code and no path', () => {
    const sandbox = makeSandbox();
    const env = { CLAUDE_CONFIG_DIR: fixturePath('claude-code') };
    const result = runLlmcost(['ingest', '--from', 'claude-code'], sandbox, { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Ingested: 4 files (0 unchanged), 9 rows read, 6 new, 3 duplicate, 0 updated, 0 rejected.',
    );
    expect(reportJson(sandbox).totals.records).toBe(6);
  });

  it('fails with a clear message when there are no Claude Code logs to find', () => {
    const sandbox = makeSandbox();
    const result = runLlmcost(['ingest', '--from', 'claude-code'], sandbox);
    expect(result.code).toBe(1);
    expect(maskSandbox(result.stderr, sandbox)).toBe(
      'llmcost: no Claude Code logs found (looked in <sandbox>/.claude/projects, <sandbox>/config/claude/projects); ' +
        'set CLAUDE_CONFIG_DIR or pass a path\n',
    );
  });
});
