/**
 * Generates `pricing.json` from the genai-prices data bundled in node_modules plus `overlay.json`, and
 * each model's maximum output and deprecation date from `litellm-extract.json` (an extract of LiteLLM's
 * price file, see extract-litellm.ts); genai-prices' own `deprecated` flag is carried as
 * `deprecated: true`. Run after `npm run build`: `node dist/pricing/build/build-pricing-json.js`.
 *
 * Fails (exit code 1, nothing written) when the overlay or the result is invalid, when the file would
 * pass the size budget, or when a token price moved 5× or more against the previous `pricing.json` on a
 * model no overlay entry speaks for: such a jump is far likelier a source typo than a price change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelEntry, PriceBook, ProviderEntry } from '../price-book.ts';
import { validatePriceBook } from '../validate-price-book.ts';
import { applyOverlay, batchMultipliersOf, cacheWrite1hRuleFor } from './apply-overlay.ts';
import { attachDeprecationDates } from './attach-deprecation-dates.ts';
import { attachMaxOutputTokens } from './attach-max-output-tokens.ts';
import { convertGenaiModel } from './convert-genai-model.ts';
import { findLargePriceChanges } from './find-large-price-changes.ts';
import { compareText, matchLogicToRules } from './match-logic-to-rules.ts';
import { parseLitellmExtract } from './parse-litellm-extract.ts';
import { parseOverlay } from './parse-overlay.ts';
import { readGenaiPrices } from './read-genai-prices.ts';
import { serializePriceBook } from './serialize-price-book.ts';

/** Both `src/pricing/build/` and `dist/pricing/build/` sit three levels below the repository root. */
const REPO_ROOT = new URL('../../../', import.meta.url);
const OUTPUT = fileURLToPath(new URL('pricing.json', REPO_ROOT));
const OVERLAY = fileURLToPath(new URL('src/pricing/build/overlay.json', REPO_ROOT));
const LITELLM = fileURLToPath(new URL('src/pricing/build/litellm-extract.json', REPO_ROOT));
const MAX_BYTES = 1_500_000;

async function buildPricingJson(): Promise<number> {
  const source = await readGenaiPrices();
  const overlay = parseOverlay(JSON.parse(readFileSync(OVERLAY, 'utf8')), OVERLAY);

  const providers: Record<string, ProviderEntry> = {};
  const catalogue: Record<string, ModelEntry> = {};
  const skipped: string[] = [];
  const rounded: string[] = [];
  const onRounded = (what: string): void => {
    rounded.push(what);
  };
  for (const provider of [...source.providers].sort((a, b) => compareText(a.id, b.id))) {
    providers[provider.id] = {
      name: provider.name,
      providerMatch: matchLogicToRules(provider.provider_match),
      modelMatch: matchLogicToRules(provider.model_match),
    };
    for (const model of provider.models) {
      const key = `${provider.id}/${model.id}`;
      if (key in catalogue) throw new Error(`genai-prices lists ${key} twice`);
      const rule = cacheWrite1hRuleFor(overlay, provider.id, model.id);
      const converted = convertGenaiModel(
        provider.id,
        model,
        rule === undefined ? { onRounded } : { onRounded, cacheWrite1hRule: rule },
      );
      if (converted.kind === 'skipped') skipped.push(`${key}: ${converted.reason}`);
      else catalogue[key] = converted.entry;
    }
  }
  const overlaid = applyOverlay(catalogue, overlay);
  const { confirmedModels } = overlaid;
  const litellm = parseLitellmExtract(JSON.parse(readFileSync(LITELLM, 'utf8')), LITELLM);
  const maxOutput = attachMaxOutputTokens(
    overlaid.models,
    providers,
    litellm.flatMap(([provider, key, max]) => (max === null ? [] : [[provider, key, max] as const])),
  );
  const deprecation = attachDeprecationDates(
    maxOutput.models,
    providers,
    litellm.map(([provider, key, , date]) => [provider, key, date] as const),
  );
  const { models } = deprecation;
  const flagged = Object.values(models).filter((model) => model.deprecated === true).length;
  const book: Omit<PriceBook, 'version'> = {
    generatedFrom: { source: '@pydantic/genai-prices', version: source.version, license: source.license },
    batchMultipliers: batchMultipliersOf(overlay),
    providers,
    models,
  };
  const text = serializePriceBook(book);
  const checked = validatePriceBook(JSON.parse(text));
  if (!checked.ok) return fail(`the generated price book is invalid:\n  ${checked.problems.join('\n  ')}`);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_BYTES) return fail(`pricing.json would be ${bytes} bytes, over the ${MAX_BYTES} budget`);

  if (existsSync(OUTPUT)) {
    const previous = validatePriceBook(JSON.parse(readFileSync(OUTPUT, 'utf8')));
    if (!previous.ok)
      return fail(`${OUTPUT}: the previous price book is invalid:\n  ${previous.problems.join('\n  ')}`);
    const changes = findLargePriceChanges(previous.book.models, models, confirmedModels);
    if (changes.length > 0) {
      return fail(
        `${changes.length} price(s) changed 5x or more against the previous pricing.json with no overlay entry to confirm them:\n  ` +
          `${changes.join('\n  ')}\nCheck each against the vendor's page, then add a "confirm-change" (or a correcting) entry to ${OVERLAY}.`,
      );
    }
  }
  writeFileSync(OUTPUT, text);
  for (const note of rounded) process.stderr.write(`build-pricing-json: note: ${note}\n`);
  const periods = Object.values(models).reduce((sum, model) => sum + model.periods.length, 0);
  process.stdout.write(
    `pricing.json: ${checked.book.version}, ${Object.keys(models).length} models, ${periods} price periods, ` +
      `${overlay.entries.length} overlay entries, from ${book.generatedFrom.source}@${source.version}; ` +
      `${maxOutput.attached} with a max output from LiteLLM (${maxOutput.ambiguous.length} ambiguous, left out), ` +
      `${deprecation.attached} with a deprecation date (${deprecation.disagreeing.length} with differing dates: the latest; ` +
      `${deprecation.stillOffered.length} left undated, still offered under an undated id), ` +
      `${flagged} flagged deprecated by genai-prices; ` +
      `${skipped.length} source models skipped (no token prices), ${bytes} bytes\n`,
  );
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`build-pricing-json: ${message}\n`);
  return 1;
}

process.exitCode = await buildPricingJson();
