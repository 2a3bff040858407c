import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'llmcost');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A scratch home for one test: HOME, XDG dirs and a database path that are not the user's. */
export interface Sandbox {
  readonly dir: string;
  readonly db: string;
  readonly env: Record<string, string>;
}

const sandboxes: string[] = [];
// Sandboxes live until the test file is done (each test file loads this module afresh).
afterAll(() => {
  for (const dir of sandboxes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function makeSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'llmcost-e2e-'));
  sandboxes.push(dir);
  return {
    dir,
    db: join(dir, 'llmcost.db'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      NO_COLOR: '1',
      TZ: 'UTC',
      COLUMNS: '100',
      CI: 'true',
    },
  };
}

/** Runs the built bin/llmcost with a pinned environment (run `npm run build` first; npm test does). */
export function runCli(
  args: readonly string[],
  sandbox: Sandbox,
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...sandbox.env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
