import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportJson } from '../../src/output/report-json.ts';
import { makeSandbox, REPO_ROOT, runCli, type CliResult, type Sandbox } from './run-cli.ts';

/** The date every report test pins with `--as-of`, so output does not depend on the clock. */
export const AS_OF = '2026-11-23';

/** Runs bin/llmcost against the sandbox's database (`--db` appended after `args`). */
export function runLlmcost(
  args: readonly string[],
  sandbox: Sandbox,
  options: { input?: string; env?: Record<string, string> } = {},
): CliResult {
  return runCli([...args, '--db', sandbox.db], sandbox, options);
}

/** `report --format json --as-of AS_OF` on the sandbox's database, parsed (the public JSON contract). */
export function reportJson(sandbox: Sandbox, args: readonly string[] = []): ReportJson {
  const result = runLlmcost(['report', '--format', 'json', '--as-of', AS_OF, ...args], sandbox);
  if (result.code !== 0) throw new Error(`report failed (${String(result.code)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as ReportJson;
}

/** An absolute path inside the repository, e.g. `fixturePath('llmcost-jsonl/usage.jsonl')`. */
export function fixturePath(relative: string): string {
  return join(REPO_ROOT, 'fixtures', relative);
}

/** The lines of a fixture file (without the trailing empty string after the last newline). */
export function fixtureLines(relative: string): string[] {
  return readFileSync(fixturePath(relative), 'utf8').replace(/\n$/, '').split('\n');
}

/** Replaces the sandbox's absolute temp directory with `<sandbox>` so goldens do not depend on it. */
export function maskSandbox(text: string, sandbox: Sandbox): string {
  return text.replaceAll(sandbox.dir, '<sandbox>');
}

const seededDatabases = new Map<string, string>();

/**
 * A fresh sandbox whose database already holds `ingest <ingestArgs>`. The ingest runs once per test
 * file; each caller gets its own copy of the database, so tests stay independent and spawn less.
 */
export function makeSeededSandbox(ingestArgs: readonly string[]): Sandbox {
  const key = ingestArgs.join('\0');
  let template = seededDatabases.get(key);
  if (template === undefined) {
    const seed = makeSandbox();
    const result = runLlmcost(['ingest', ...ingestArgs], seed);
    if (result.code !== 0)
      throw new Error(`seeding ingest failed (${String(result.code)}): ${result.stderr}`);
    template = seed.db;
    seededDatabases.set(key, template);
  }
  const sandbox = makeSandbox();
  copyFileSync(template, sandbox.db);
  return sandbox;
}
