/** Bounds of a tokenizer ratio: a tokenizer needing 4× (or ¼) the tokens of o200k is surely a typo. */
const MIN_RATIO = 0.25;
const MAX_RATIO = 4;

/**
 * Reads the config file's `tokenizerRatios`: tokenizer family → tokens that family needs for the same
 * text, relative to OpenAI's o200k tokenizer (1.0), e.g. `{ "anthropic": 1.2, "google": 1.05 }`.
 * Families are named freely (the ones llmcost knows are in optimizer/tokenizer-ratios.ts); values are
 * numbers from 0.25 to 4. Problems name the key: `"tokenizerRatios.anthropic": expected …`.
 */
export function parseTokenizerRatios(
  value: unknown,
  problems: string[],
): Readonly<Record<string, number>> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      `"tokenizerRatios": expected an object of <family>: <ratio> such as { "anthropic": 1.2 }, got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  const ratios: Record<string, number> = {};
  for (const [family, ratio] of Object.entries(value)) {
    if (!/^[a-z][a-z0-9-]*$/.test(family)) {
      problems.push(`"tokenizerRatios.${family}": expected a lower-case family name such as "anthropic"`);
      continue;
    }
    if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < MIN_RATIO || ratio > MAX_RATIO) {
      problems.push(
        `"tokenizerRatios.${family}": expected a number from ${MIN_RATIO} to ${MAX_RATIO} (tokens relative to OpenAI o200k = 1), got ${JSON.stringify(ratio)}`,
      );
      continue;
    }
    ratios[family] = ratio;
  }
  return ratios;
}
