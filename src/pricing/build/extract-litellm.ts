/**
 * Writes `litellm-extract.json` (next to this file in src/) from a LiteLLM
 * `model_prices_and_context_window.json`: for every model entry, the tuple
 * [litellm_provider, LiteLLM key, max output tokens or null, deprecation date or null], plus the source
 * file's sha256. The maximum output is kept for text models only (mode chat, completion or responses);
 * the deprecation date (`YYYY-MM-DD`) for every mode, and entries with neither are kept too: an id
 * LiteLLM lists without a date tells the build that a model is still offered under it
 * (attach-deprecation-dates.ts). The price-book build reads this extract, so building pricing.json
 * needs no download and no file outside the repository.
 *
 *   npm run build && node dist/pricing/build/extract-litellm.js <litellm-model_prices.json>
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isCalendarDate } from '../../model/calendar-date.ts';

const REPO_ROOT = new URL('../../../', import.meta.url);
const OUTPUT = fileURLToPath(new URL('src/pricing/build/litellm-extract.json', REPO_ROOT));
const TEXT_MODES: ReadonlySet<string> = new Set(['chat', 'completion', 'responses']);
const PRINT_WIDTH = 110;

function extract(path: string): number {
  const bytes = readFileSync(path);
  const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  const entries: [string, string, number | null, string | null][] = [];
  const badDates: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    // sample_spec documents the fields; its values are descriptions, not a model.
    if (key === 'sample_spec' || typeof value !== 'object' || value === null) continue;
    const entry = value as Record<string, unknown>;
    if (typeof entry.litellm_provider !== 'string') continue;
    const max = entry.max_output_tokens;
    const isTextModel = typeof entry.mode === 'string' && TEXT_MODES.has(entry.mode);
    const maxOutputTokens =
      isTextModel && typeof max === 'number' && Number.isSafeInteger(max) && max > 0 ? max : null;
    const date = entry.deprecation_date;
    if (date !== undefined && (typeof date !== 'string' || !isCalendarDate(date))) badDates.push(key);
    const deprecationDate = typeof date === 'string' && isCalendarDate(date) ? date : null;
    entries.push([entry.litellm_provider, key, maxOutputTokens, deprecationDate]);
  }
  entries.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  const source = {
    what: "max_output_tokens (text models) and deprecation_date of every model of LiteLLM's model_prices_and_context_window.json (github.com/BerriAI/litellm, MIT)",
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  // Laid out as prettier lays it out (printWidth 110, .prettierrc.json), so a regenerated file diffs
  // cleanly: an entry too long for one line, its comma included, gets a line per field.
  const lines = entries.map((entry, index) => {
    const fields = entry.map((field) => JSON.stringify(field));
    const line = `    [${fields.join(', ')}]`;
    const comma = index < entries.length - 1 ? 1 : 0;
    return line.length + comma <= PRINT_WIDTH
      ? line
      : `    [\n${fields.map((f) => `      ${f}`).join(',\n')}\n    ]`;
  });
  const sourceText = JSON.stringify(source, null, 2).replace(/\n/g, '\n  ');
  writeFileSync(OUTPUT, `{\n  "source": ${sourceText},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`);
  const count = (field: 2 | 3): number => entries.filter((entry) => entry[field] !== null).length;
  process.stdout.write(
    `${OUTPUT}: ${entries.length} models, ${count(2)} with a max output, ${count(3)} with a deprecation date, from ${path}\n`,
  );
  for (const key of badDates)
    process.stderr.write(
      `extract-litellm: note: ${key}: deprecation_date is not a YYYY-MM-DD date, left out\n`,
    );
  return 0;
}

const [path] = process.argv.slice(2);
if (path === undefined) {
  process.stderr.write('usage: node dist/pricing/build/extract-litellm.js <litellm-model_prices.json>\n');
  process.exitCode = 2;
} else {
  process.exitCode = extract(path);
}
