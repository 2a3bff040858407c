import { basename, extname, join } from 'node:path';
import type { ColumnMapping } from '../../ingest/adapter.ts';
import { formatMapFlag, missingRequiredFields, parseMapFlag } from '../../ingest/column-mapping.ts';
import { parseCsvHeader } from '../../ingest/csv-row-reader.ts';
import type { ExpandedPath } from '../../ingest/expand-paths.ts';
import { peekFileLines } from '../../ingest/peek-lines.ts';
import { saveCsvMapping } from '../../config/save-csv-mapping.ts';
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import { canPrompt, type Prompter } from '../prompts.ts';
import type { Settings } from '../settings.ts';
import { askColumnMapping } from './ask-column-mapping.ts';

export interface MappingFlags {
  readonly from: string;
  /** Each `--map` given (comma-separated pairs each). */
  readonly map: readonly string[];
  readonly mapProfile?: string;
}

const MAP_HINT =
  '--map timestamp=<column>,model=<column>,provider=<column or name>,inputTokens=<column>,outputTokens=<column>,… ' +
  'or --map-profile <name> (csvMappings in the config file)';

/**
 * The column mapping `--from csv` reads with: the `--map-profile` profile, overridden field by field
 * by `--map`. Without either, in a terminal, asks for it from the first file's header and offers to
 * save it as a profile; without a terminal, a usage error naming `--map`. Undefined for other formats.
 */
export async function resolveColumnMapping(
  flags: MappingFlags,
  files: readonly ExpandedPath[],
  settings: Settings,
  ctx: Context,
  openPrompter: (ctx: Context) => Promise<Prompter>,
): Promise<ColumnMapping | undefined> {
  if (flags.from !== 'csv') {
    if (flags.map.length > 0 || flags.mapProfile !== undefined)
      throw new UsageError('--map and --map-profile apply to --from csv only');
    return undefined;
  }
  const profile = flags.mapProfile === undefined ? {} : findProfile(flags.mapProfile, settings);
  const fromFlags: Record<string, string> = {};
  for (const text of flags.map) {
    const parsed = parseMapFlag(text);
    if (!parsed.ok) throw new UsageError(`--map: ${parsed.problems.join('; ')}`);
    Object.assign(fromFlags, parsed.mapping);
  }
  const mapping = { ...profile, ...fromFlags };
  if (Object.keys(mapping).length > 0) {
    const missing = missingRequiredFields(mapping);
    if (missing !== null) throw new UsageError(`--map: ${missing}; pass ${MAP_HINT}`);
    return mapping;
  }
  const first = files[0];
  if (!canPrompt(ctx) || first === undefined || first.absolutePath === '-') {
    throw new UsageError(`--from csv needs a column mapping: pass ${MAP_HINT}`);
  }
  const header = (await peekFileLines(first.absolutePath))[0];
  if (header === undefined) throw new UsageError(`${first.displayPath}: empty file, no header to map`);
  const prompter = await openPrompter(ctx);
  ctx.stderr.write(`Which column of ${first.displayPath} holds what?\n`);
  const asked = await askColumnMapping(parseCsvHeader(header).columns, prompter);
  await offerToSave(asked, first, settings, ctx, prompter);
  return asked;
}

function findProfile(name: string, settings: Settings): ColumnMapping {
  const profile = settings.csvMappings[name];
  if (profile !== undefined) return profile;
  const known = Object.keys(settings.csvMappings);
  throw new UsageError(
    `--map-profile: no CSV mapping "${name}" in the config file` +
      (known.length === 0 ? ' (it has no csvMappings)' : `; known: ${known.join(', ')}`),
  );
}

async function offerToSave(
  mapping: ColumnMapping,
  file: ExpandedPath,
  settings: Settings,
  ctx: Context,
  prompter: Prompter,
): Promise<void> {
  const configPath =
    settings.configPath ??
    join(ctx.env.XDG_CONFIG_HOME ?? join(ctx.homeDir, '.config'), 'llmcost', 'config.json');
  const shouldSave = await prompter.confirm({
    message: `Save this mapping as a profile in ${configPath}?`,
    default: true,
  });
  if (!shouldSave) {
    ctx.stderr.write(`Next time, pass: --map '${formatMapFlag(mapping)}'\n`);
    return;
  }
  const name = await prompter.input({
    message: 'Profile name:',
    default: basename(file.absolutePath, extname(file.absolutePath)),
    validate: (text) => (/^[\w.-]+$/.test(text) ? true : 'letters, digits, ".", "_" and "-" only'),
  });
  saveCsvMapping(configPath, name, mapping);
  ctx.stderr.write(`Saved to ${configPath}. Next time, pass: --from csv --map-profile ${name}\n`);
}
