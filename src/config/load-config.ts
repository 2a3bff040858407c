import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateConfig, type Config } from './validate-config.ts';

export interface LoadedConfig {
  /** Path of the file read, or null when none was found (defaults apply). */
  readonly path: string | null;
  readonly config: Config;
  readonly warnings: readonly string[];
}

export type ConfigLoad =
  { readonly ok: true; readonly loaded: LoadedConfig } | { readonly ok: false; readonly message: string };

/**
 * Finds and reads the config file. Lookup: `--config <path>` (must exist), else `./llmcost.config.json`,
 * else `$XDG_CONFIG_HOME/llmcost/config.json` (default `~/.config/llmcost/config.json`).
 * Precedence of settings, applied by the caller: flags > `LLMCOST_*` env > config file > defaults.
 * Relative paths inside the file are resolved against the file's folder.
 */
export function loadConfig(
  explicitPath: string | undefined,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
): ConfigLoad {
  const candidates =
    explicitPath !== undefined
      ? [resolve(cwd, explicitPath)]
      : [
          join(cwd, 'llmcost.config.json'),
          join(env.XDG_CONFIG_HOME ?? join(homeDir, '.config'), 'llmcost', 'config.json'),
        ];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (path === undefined) {
    if (explicitPath !== undefined) return { ok: false, message: `config file not found: ${explicitPath}` };
    return { ok: true, loaded: { path: null, config: {}, warnings: [] } };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, message: `${path}: not valid JSON (${(error as Error).message})` };
  }
  const validation = validateConfig(json);
  if (!validation.ok)
    return { ok: false, message: validation.problems.map((problem) => `${path}: ${problem}`).join('\n') };
  const base = dirname(path);
  const config: Config = {
    ...validation.config,
    ...(validation.config.db !== undefined ? { db: resolve(base, validation.config.db) } : {}),
    ...(validation.config.pricingFile !== undefined
      ? { pricingFile: resolve(base, validation.config.pricingFile) }
      : {}),
    ...(validation.config.exchangeRatesFile !== undefined
      ? { exchangeRatesFile: resolve(base, validation.config.exchangeRatesFile) }
      : {}),
  };
  return {
    ok: true,
    loaded: { path, config, warnings: validation.warnings.map((warning) => `${path}: ${warning}`) },
  };
}
