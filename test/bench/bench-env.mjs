// Set-up shared by the benchmark scripts: the environment llmcost runs in, and a generated store.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateLlmcostJsonl } from './generate-llmcost-jsonl.mjs';
import { runMeasured } from './measure-process.mjs';

/**
 * The environment for llmcost runs: a throwaway home (no user config or database leaks in), no colour,
 * UTC, CI set, 100 columns; `extra` added last.
 */
export function childEnv(home, extra = {}) {
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    NO_COLOR: '1',
    TZ: 'UTC',
    CI: 'true',
    COLUMNS: '100',
    ...extra,
  };
  delete env.LLMCOST_DB;
  if (!('CLAUDE_CONFIG_DIR' in extra)) delete env.CLAUDE_CONFIG_DIR;
  return env;
}

/**
 * A deterministic llmcost-jsonl file of `lineCount` lines and a database holding it, both in
 * `workDir`, made once and reused; the environment to run llmcost on that database.
 */
export async function ensureGeneratedStore({ workDir, lineCount, bin, rssMethod, log }) {
  mkdirSync(workDir, { recursive: true });
  const dataPath = join(workDir, `llmcost-${lineCount}.jsonl`);
  const dbPath = join(workDir, `llmcost-${lineCount}.db`);
  if (!existsSync(dataPath)) {
    log(`generating ${lineCount} lines → ${dataPath}`);
    generateLlmcostJsonl({ lineCount, outPath: dataPath });
  }
  const env = { ...process.env, NO_COLOR: '1', TZ: 'UTC', LLMCOST_DB: dbPath };
  if (!existsSync(dbPath)) {
    log('ingesting…');
    const ingest = await runMeasured(
      process.execPath,
      [bin, 'ingest', dataPath, '--from', 'llmcost-jsonl', '-q'],
      {
        env,
        rssMethod,
      },
    );
    if (ingest.exitCode !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  }
  return { dataPath, dbPath, env };
}
