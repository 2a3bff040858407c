/**
 * Writes `litellm-max-output.json` (next to this file in src/) from a LiteLLM
 * `model_prices_and_context_window.json`: for each text model (mode chat, completion or responses)
 * with a `max_output_tokens`, the triple [litellm_provider, LiteLLM key, max output tokens], plus the
 * source file's sha256. The price-book build reads that extract (attach-max-output-tokens.ts), so
 * building pricing.json needs no download and no file outside the repository.
 *
 *   npm run build && node dist/pricing/build/extract-litellm-max-output.js <litellm-model_prices.json>
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = new URL('../../../', import.meta.url);
const OUTPUT = fileURLToPath(new URL('src/pricing/build/litellm-max-output.json', REPO_ROOT));
const TEXT_MODES: ReadonlySet<string> = new Set(['chat', 'completion', 'responses']);

function extract(path: string): number {
  const bytes = readFileSync(path);
  const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  const entries: [string, string, number][] = [];
  for (const [key, value] of Object.entries(json)) {
    if (typeof value !== 'object' || value === null) continue;
    const entry = value as Record<string, unknown>;
    const max = entry.max_output_tokens;
    if (typeof entry.litellm_provider !== 'string' || typeof entry.mode !== 'string') continue;
    if (!TEXT_MODES.has(entry.mode) || typeof max !== 'number' || !Number.isSafeInteger(max) || max <= 0)
      continue;
    entries.push([entry.litellm_provider, key, max]);
  }
  entries.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  const source = {
    what: "max_output_tokens of LiteLLM's model_prices_and_context_window.json (github.com/BerriAI/litellm, MIT)",
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  // Laid out as prettier lays it out, so a regenerated file diffs cleanly.
  const lines = entries.map(
    ([provider, key, max]) => `    [${JSON.stringify(provider)}, ${JSON.stringify(key)}, ${max}]`,
  );
  const sourceText = JSON.stringify(source, null, 2).replace(/\n/g, '\n  ');
  writeFileSync(OUTPUT, `{\n  "source": ${sourceText},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`);
  process.stdout.write(`${OUTPUT}: ${entries.length} models with a max output, from ${path}\n`);
  return 0;
}

const [path] = process.argv.slice(2);
if (path === undefined) {
  process.stderr.write(
    'usage: node dist/pricing/build/extract-litellm-max-output.js <litellm-model_prices.json>\n',
  );
  process.exitCode = 2;
} else {
  process.exitCode = extract(path);
}
