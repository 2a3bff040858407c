import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ColumnMapping } from '../ingest/adapter.ts';

/**
 * Adds (or replaces) the profile `csvMappings.<name>` in the config file at `path`, keeping every
 * other key as it was; creates the file (and its folder) when there is none. The file is rewritten
 * as JSON with two-space indentation.
 */
export function saveCsvMapping(path: string, name: string, mapping: ColumnMapping): void {
  const config: Record<string, unknown> = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
    : {};
  const existing = config.csvMappings;
  const profiles =
    typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : {};
  config.csvMappings = { ...profiles, [name]: mapping };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}
