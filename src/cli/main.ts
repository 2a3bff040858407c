import { homedir } from 'node:os';
import { decideDisplay, type Context } from './context.ts';
import { EXIT } from './exit-codes.ts';
import { runCli } from './run-cli.ts';

/** The process entry point (bin/llmcost): real streams, env and clock in; the exit code out. */
function processContext(): Context {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    homeDir: homedir(),
    nowMs: Date.now(),
    display: decideDisplay(process.env, process.stdout),
    isInteractive: process.stderr.isTTY,
  };
}

process.on('SIGINT', () => {
  // An open ingest transaction is never committed: SQLite discards it, the store stays as it was.
  process.stderr.write('\nllmcost: interrupted\n');
  process.exit(EXIT.INTERRUPTED);
});
process.exitCode = await runCli(process.argv.slice(2), processContext());
