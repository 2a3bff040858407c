/**
 * Any other CSV with a header, read through the user's column mapping (`ingest --from csv --map
 * timestamp=Date,model=Model,provider=openai,inputTokens=In,outputTokens=Out`, or a `csvMappings`
 * profile in the config file named by `--map-profile`; see column-mapping.ts for the fields). Never
 * picked by `--from auto`: a CSV without a known header is not guessed at.
 *
 *   Date,Model,In,Out,Cost
 *   2026-11-02,gpt-4o-2024-08-06,1200,300,0.006
 *
 * Each row is one record: tokens in the disjoint classes as mapped (unmapped classes are 0), requests
 * 1 unless mapped. `provider` and `currency` may be a fixed value: a mapping value that is no column
 * of the header is used as written. Counts may carry thousands separators (`1,234`); a cost may
 * start with `$`. A mapped column missing from the header is one problem at the header line, and
 * the file gives no rows. Dedup key `csv:<id>` when `id` is mapped, else a hash of the record (two
 * identical rows count once).
 */
import { numberToPico, parseDecimalToPico } from '../model/money.ts';
import { createUsageRecord, type ReportedCost, type UsageRecord } from '../model/usage-record.ts';
import { NO_RECORDS, type Adapter, type ColumnMapping, type LineParser, type LineResult } from './adapter.ts';
import { CONSTANT_FIELDS, formatMapFlag, missingRequiredFields } from './column-mapping.ts';
import { contentDedupKey } from './content-dedup-key.ts';
import { createCsvRowReader, type CsvItem } from './csv-row-reader.ts';
import { createRowChecker, describe, type RowChecker } from './row-checker.ts';
import { suggestKey } from './suggest-key.ts';

const THOUSANDS = /^\d{1,3}(?:,\d{3})+$/;
const CURRENCY_CODE = /^[A-Za-z]{3}$/;

export const genericCsvAdapter: Adapter = {
  kind: 'requests',
  format: 'csv',
  description:
    'any other CSV with a header, through a column mapping: --map timestamp=Date,model=Model,provider=openai,inputTokens=In,… or --map-profile <name>',
  obtainedFrom:
    'spreadsheets and internal tools; asked for interactively when run in a terminal without --map',
  example: 'Date,Model,In,Out,Cost\n2026-11-02,gpt-4o-2024-08-06,1200,300,0.006',
  isDocument: true,
  sniff() {
    return false;
  },
  createParser(source) {
    return createGenericCsvParser(source.file, source.columnMapping ?? {});
  },
};

/** Which column (or fixed value) gives each field, once checked against the header. */
type ResolvedMapping = Readonly<Record<string, { readonly column: string } | { readonly value: string }>>;

function createGenericCsvParser(file: string, mapping: ColumnMapping): LineParser {
  const reader = createCsvRowReader(file);
  let resolved: ResolvedMapping | null = null;
  let isUnusable = false;

  const read = (item: CsvItem | null): LineResult => {
    if (item === null || isUnusable) return NO_RECORDS;
    if (!item.ok) return { ok: false, problems: [item.problem] };
    const check = createRowChecker(file, item.line);
    const record = readRow(item.row, resolved ?? {}, item.line, check);
    return check.problems.length > 0
      ? { ok: false, problems: check.problems }
      : { ok: true, records: [record] };
  };

  return {
    parseLine(text, lineNumber) {
      const item = reader.read(text, lineNumber);
      if (resolved === null && !isUnusable && reader.columns !== null) {
        const resolution = resolveMapping(mapping, reader.columns);
        if (!resolution.ok) {
          isUnusable = true;
          return {
            ok: false,
            problems: resolution.problems.map((message) => ({
              file,
              line: lineNumber,
              field: null,
              message,
            })),
          };
        }
        resolved = resolution.resolved;
      }
      return read(item);
    },
    finish() {
      return read(reader.finish());
    },
  };
}

function resolveMapping(
  mapping: ColumnMapping,
  columns: readonly string[],
): { ok: true; resolved: ResolvedMapping } | { ok: false; problems: string[] } {
  const missing = missingRequiredFields(mapping);
  if (missing !== null)
    return { ok: false, problems: [`${missing} (mapping: ${formatMapFlag(mapping) || 'none'})`] };
  const resolved: Record<string, { column: string } | { value: string }> = {};
  const problems: string[] = [];
  for (const [field, column] of Object.entries(mapping)) {
    if (columns.includes(column)) resolved[field] = { column };
    else if (CONSTANT_FIELDS.has(field)) resolved[field] = { value: column };
    else {
      const suggestion = suggestKey(column, columns);
      problems.push(
        `--map ${field}=${column}: the header has no column "${column}"` +
          (suggestion === null ? ` (columns: ${columns.join(', ')})` : `; did you mean "${suggestion}"?`),
      );
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, resolved };
}

function readRow(
  row: Readonly<Record<string, string>>,
  mapping: ResolvedMapping,
  line: number,
  check: RowChecker,
): UsageRecord {
  /** The mapped cell (or fixed value) and the name to report it under, or undefined when unmapped. */
  const cell = (field: string): { text: string; name: string } | undefined => {
    const source = mapping[field];
    if (source === undefined) return undefined;
    return 'value' in source
      ? { text: source.value, name: field }
      : { text: (row[source.column] ?? '').trim(), name: source.column };
  };
  const count = (field: string, fallback = 0): number => {
    const found = cell(field);
    if (found === undefined || found.text === '') return fallback;
    return check.count(THOUSANDS.test(found.text) ? found.text.replaceAll(',', '') : found.text, found.name);
  };
  const text = (field: string): string | null => {
    const found = cell(field);
    return found === undefined || found.text === '' ? null : found.text;
  };
  const timestamp = cell('timestamp');
  const modelCell = cell('model');
  const providerCell = cell('provider');
  const id = text('id');
  const record = createUsageRecord({
    dedupKey: '',
    occurredAtMs: check.instant(timestamp?.text, timestamp?.name ?? 'timestamp'),
    provider: check.requiredString(providerCell?.text, providerCell?.name ?? 'provider').toLowerCase(),
    model: check.requiredString(modelCell?.text, modelCell?.name ?? 'model'),
    requests: count('requests', 1),
    inputTokens: count('inputTokens'),
    cacheReadTokens: count('cacheReadTokens'),
    cacheWriteTokens: count('cacheWriteTokens'),
    cacheWrite5mTokens: count('cacheWrite5mTokens'),
    cacheWrite1hTokens: count('cacheWrite1hTokens'),
    outputTokens: count('outputTokens'),
    reasoningTokens: count('reasoningTokens'),
    project: text('project'),
    user: text('user'),
    team: text('team'),
    apiKey: text('apiKey'),
    workspace: text('workspace'),
    session: text('session'),
    serviceTier: text('serviceTier'),
    reportedCost: readCost(cell('cost'), cell('currency'), check),
    sourceLine: line,
  });
  if (record.reasoningTokens > record.outputTokens) {
    check.fail(
      cell('reasoningTokens')?.name ?? 'reasoningTokens',
      `expected at most the output tokens (${record.outputTokens}), got ${record.reasoningTokens}`,
    );
  }
  const dedupKey = id === null ? contentDedupKey('csv', record) : `csv:${id}`;
  return { ...record, dedupKey };
}

function readCost(
  cost: { text: string; name: string } | undefined,
  currency: { text: string; name: string } | undefined,
  check: RowChecker,
): ReportedCost | null {
  if (cost === undefined || cost.text === '') return null;
  const amountText = cost.text.replace(/^\$/, '');
  // Spreadsheets write small amounts as 1.2E-05.
  const amountPico = parseDecimalToPico(amountText) ?? numberToPico(Number(amountText));
  if (amountPico === null) {
    check.fail(cost.name, `expected a decimal amount such as 0.0125, got ${describe(cost.text)}`);
    return null;
  }
  const code = currency === undefined || currency.text === '' ? 'USD' : currency.text;
  if (!CURRENCY_CODE.test(code)) {
    check.fail(
      currency?.name ?? 'currency',
      `expected an ISO 4217 code such as "USD", got ${describe(code)}`,
    );
    return null;
  }
  return { amountPico, currency: code.toUpperCase() };
}
