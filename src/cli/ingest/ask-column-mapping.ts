import type { ColumnMapping } from '../../ingest/adapter.ts';
import { CONSTANT_FIELDS, MAPPING_FIELDS, type MappingField } from '../../ingest/column-mapping.ts';
import { suggestKey } from '../../ingest/suggest-key.ts';
import type { Choice, Prompter } from '../prompts.ts';

const NONE = '\u0000none';
const FIXED_VALUE = '\u0000fixed';
/** Asked first; the attribution fields only when the user wants them. */
const USAGE_FIELDS: ReadonlySet<string> = new Set([
  'timestamp',
  'model',
  'provider',
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'outputTokens',
  'reasoningTokens',
  'requests',
  'cost',
  'currency',
]);

/**
 * Asks which column of `columns` holds each field: the required ones, the token, request and cost
 * fields, then (if wanted) the attribution fields. `provider` and `currency` may be a typed fixed
 * value. The column whose name is closest to a field is offered first.
 */
export async function askColumnMapping(
  columns: readonly string[],
  prompter: Prompter,
): Promise<ColumnMapping> {
  const mapping: Record<string, string> = {};
  const ask = async (field: MappingField): Promise<void> => {
    const answer = await askField(field, columns, prompter);
    if (answer !== null) mapping[field.name] = answer;
  };
  for (const field of MAPPING_FIELDS.filter((candidate) => USAGE_FIELDS.has(candidate.name)))
    await ask(field);
  const wantsMore = await prompter.confirm({
    message:
      'Map attribution columns too (id, project, user, team, apiKey, workspace, session, serviceTier)?',
    default: false,
  });
  if (wantsMore) {
    for (const field of MAPPING_FIELDS.filter((candidate) => !USAGE_FIELDS.has(candidate.name)))
      await ask(field);
  }
  return mapping;
}

async function askField(
  field: MappingField,
  columns: readonly string[],
  prompter: Prompter,
): Promise<string | null> {
  const choices: Choice[] = [
    ...(field.isRequired ? [] : [{ name: '(not in this file)', value: NONE }]),
    ...columns.map((column) => ({ name: column, value: column })),
    ...(CONSTANT_FIELDS.has(field.name)
      ? [{ name: '(the same for every row: type it)', value: FIXED_VALUE }]
      : []),
  ];
  const guess = suggestKey(field.name, columns);
  const answer = await prompter.select({
    message: `${field.name}: ${field.meaning}`,
    choices,
    ...(guess === null ? {} : { default: guess }),
  });
  if (answer === NONE) return null;
  if (answer !== FIXED_VALUE) return answer;
  return prompter.input({
    message: `${field.name} for every row:`,
    validate: (text) =>
      text.trim() === ''
        ? 'type a value'
        : columns.includes(text.trim())
          ? `"${text.trim()}" is a column name; pick it from the list instead`
          : true,
  });
}
