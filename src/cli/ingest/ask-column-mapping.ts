import type { ColumnMapping } from '../../ingest/adapter.ts';
import { CONSTANT_FIELDS, MAPPING_FIELDS, type MappingField } from '../../ingest/column-mapping.ts';
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
 * value. The column whose name suggests the field is the default answer (guessColumn).
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
  const guess = guessColumn(field.name, columns);
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

/** Words a column holding each field is often named with, most telling first. */
const COLUMN_WORDS: Readonly<Record<string, readonly string[]>> = {
  timestamp: ['timestamp', 'time', 'date', 'day', 'created'],
  model: ['model'],
  provider: ['provider', 'vendor'],
  inputTokens: ['input', 'prompt'],
  cacheReadTokens: ['cache read', 'cached'],
  cacheWriteTokens: ['cache write', 'cache creation'],
  outputTokens: ['output', 'completion'],
  reasoningTokens: ['reasoning', 'thinking'],
  requests: ['requests', 'calls'],
  cost: ['cost', 'spend', 'usd'],
  currency: ['currency'],
  project: ['project'],
  user: ['user'],
  team: ['team'],
  apiKey: ['api key', 'key'],
  workspace: ['workspace', 'account'],
  session: ['session'],
  serviceTier: ['tier'],
};

/**
 * The column a field is most likely in, offered as the answer: the first column whose name holds one
 * of the field's words (`Prompt tokens` for inputTokens, `Vendor` for provider); input and output never
 * guess a cache or reasoning column. Null when none does.
 */
function guessColumn(field: string, columns: readonly string[]): string | null {
  const isExcluded = (name: string): boolean =>
    (field === 'inputTokens' || field === 'outputTokens') && /cache|reason/.test(name);
  for (const word of COLUMN_WORDS[field] ?? []) {
    const found = columns.find((column) => {
      const name = column.toLowerCase().replace(/[_-]/g, ' ');
      return name.includes(word) && !isExcluded(name);
    });
    if (found !== undefined) return found;
  }
  return null;
}
