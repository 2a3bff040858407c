import type { ColumnMapping } from './adapter.ts';
import { suggestKey } from './suggest-key.ts';

/** A field a CSV column can be mapped to, as `--map <field>=<column>` names it. */
export interface MappingField {
  readonly name: string;
  readonly isRequired: boolean;
  /** What the column must hold, for `--help`, prompts and error messages. */
  readonly meaning: string;
}

/** Every mappable field, in the order prompts ask for them. */
export const MAPPING_FIELDS: readonly MappingField[] = [
  {
    name: 'timestamp',
    isRequired: true,
    meaning: 'when: ISO 8601 (zone-less = UTC), a date, or Unix seconds',
  },
  { name: 'model', isRequired: true, meaning: 'model id, e.g. gpt-4o-2024-08-06' },
  {
    name: 'provider',
    isRequired: true,
    meaning: 'who bills (openai, anthropic, …): a column, or a fixed value when no column has that name',
  },
  { name: 'inputTokens', isRequired: false, meaning: 'uncached input tokens' },
  { name: 'cacheReadTokens', isRequired: false, meaning: 'input tokens read from a prompt cache' },
  { name: 'cacheWriteTokens', isRequired: false, meaning: 'cache-write tokens, TTL unknown' },
  { name: 'cacheWrite5mTokens', isRequired: false, meaning: 'cache-write tokens, 5-minute TTL' },
  { name: 'cacheWrite1hTokens', isRequired: false, meaning: 'cache-write tokens, 1-hour TTL' },
  { name: 'outputTokens', isRequired: false, meaning: 'output tokens, reasoning included' },
  { name: 'reasoningTokens', isRequired: false, meaning: 'the reasoning part of outputTokens' },
  { name: 'requests', isRequired: false, meaning: 'request count (default 1 per row)' },
  { name: 'cost', isRequired: false, meaning: 'the cost the file states, a decimal amount' },
  {
    name: 'currency',
    isRequired: false,
    meaning: 'ISO 4217 code of cost: a column or a fixed value (default USD)',
  },
  { name: 'id', isRequired: false, meaning: 'a unique row id (dedup key; default: a hash of the row)' },
  { name: 'project', isRequired: false, meaning: 'project' },
  { name: 'user', isRequired: false, meaning: 'user' },
  { name: 'team', isRequired: false, meaning: 'team' },
  { name: 'apiKey', isRequired: false, meaning: 'API key id or name (never the secret)' },
  { name: 'workspace', isRequired: false, meaning: 'workspace or account' },
  { name: 'session', isRequired: false, meaning: 'session' },
  { name: 'serviceTier', isRequired: false, meaning: 'service tier (standard, flex, priority, …)' },
];

/** Fields whose mapping may be a fixed value instead of a column name. */
export const CONSTANT_FIELDS: ReadonlySet<string> = new Set(['provider', 'currency']);

const FIELD_NAMES = MAPPING_FIELDS.map((field) => field.name);

export type MappingResult =
  | { readonly ok: true; readonly mapping: ColumnMapping }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Parses `--map timestamp=Date,model=Model,inputTokens=In`: comma-separated `field=column` pairs
 * (column names may hold spaces; the first `=` splits). Problems name the pair at fault.
 */
export function parseMapFlag(text: string): MappingResult {
  const mapping: Record<string, string> = {};
  const problems: string[] = [];
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    const field = equals === -1 ? pair.trim() : pair.slice(0, equals).trim();
    const column = equals === -1 ? '' : pair.slice(equals + 1).trim();
    if (column === '') {
      problems.push(`"${pair.trim()}": expected <field>=<column>, e.g. timestamp=Date`);
      continue;
    }
    const fieldProblem = checkFieldName(field);
    if (fieldProblem === null) mapping[field] = column;
    else problems.push(fieldProblem);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mapping };
}

/** Checks a mapping from the config file (`csvMappings.<name>`): an object of known fields → strings. */
export function validateColumnMapping(value: unknown, where: string): MappingResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problems: [`"${where}": expected an object of <field>: <column>, got ${JSON.stringify(value)}`],
    };
  }
  const mapping: Record<string, string> = {};
  const problems: string[] = [];
  for (const [field, column] of Object.entries(value)) {
    const fieldProblem = checkFieldName(field);
    if (fieldProblem !== null)
      problems.push(`"${where}.${field}": ${fieldProblem.replace(/^"[^"]*": /, '')}`);
    else if (typeof column !== 'string' || column === '')
      problems.push(`"${where}.${field}": expected a column name, got ${JSON.stringify(column)}`);
    else mapping[field] = column;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mapping };
}

/** The required fields the mapping lacks, as one message, or null when it is complete. */
export function missingRequiredFields(mapping: ColumnMapping): string | null {
  const missing = MAPPING_FIELDS.filter((field) => field.isRequired && mapping[field.name] === undefined);
  return missing.length === 0 ? null : `the mapping lacks ${missing.map((field) => field.name).join(', ')}`;
}

/** `--map` text for a mapping (what to pass next time), fields in MAPPING_FIELDS order. */
export function formatMapFlag(mapping: ColumnMapping): string {
  return FIELD_NAMES.filter((name) => mapping[name] !== undefined)
    .map((name) => `${name}=${mapping[name] ?? ''}`)
    .join(',');
}

function checkFieldName(field: string): string | null {
  if (FIELD_NAMES.includes(field)) return null;
  const suggestion = suggestKey(field, FIELD_NAMES);
  return suggestion === null
    ? `"${field}": unknown field; fields are ${FIELD_NAMES.join(', ')}`
    : `"${field}": unknown field; did you mean "${suggestion}"?`;
}
