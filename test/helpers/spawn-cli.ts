import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { REPO_ROOT, type Sandbox } from './run-cli.ts';

export interface SpawnedCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves when the process has exited, with its code and everything it wrote. */
  readonly exited: Promise<{
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
  }>;
}

/** Starts bin/llmcost with the sandbox's pinned env and stdin left open (for tests that signal it). */
export function spawnCli(args: readonly string[], sandbox: Sandbox): SpawnedCli {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'llmcost'), ...args], {
    cwd: REPO_ROOT,
    env: sandbox.env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'close').then(() => ({ code: child.exitCode, stdout, stderr }));
  return { child, exited };
}
