import type { ColumnMapping } from '../ingest/adapter.ts';
import { objectAt, updateConfigFile } from './update-config-file.ts';

/**
 * Adds (or replaces) the profile `csvMappings.<name>` in the config file at `path`, keeping every
 * other key as it was; creates the file (and its folder) when there is none.
 */
export function saveCsvMapping(path: string, name: string, mapping: ColumnMapping): void {
  updateConfigFile(path, (config) => ({
    ...config,
    csvMappings: { ...objectAt(config, 'csvMappings'), [name]: mapping },
  }));
}
