import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Rewrites the config file at `path` with `change` applied to its top-level object, keeping every
 * other key as it was; creates the file (and its folder) when there is none. Written as JSON with
 * two-space indentation. Throws (with the path) when the existing file is not a JSON object.
 */
export function updateConfigFile(
  path: string,
  change: (config: Record<string, unknown>) => Record<string, unknown>,
): void {
  let config: Record<string, unknown> = {};
  if (existsSync(path)) {
    const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new Error(`${path}: expected a JSON object at the top level`);
    }
    config = json as Record<string, unknown>;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(change(config), null, 2)}\n`);
}

/** The object under `key` (a fresh one when it is missing or not an object). */
export function objectAt(config: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> {
  const value = config[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { ...(value as Record<string, unknown>) }
    : {};
}
