import { suggestKey } from '../ingest/suggest-key.ts';

/**
 * The declared cost center a mistyped id most likely meant (`cc-100` → `CC-100`, `CC-10` → `CC-100`),
 * or null. suggestKey lower-cases only the unknown key, so both sides are compared lower-cased here.
 */
export function suggestCostCenter(id: string, known: readonly string[]): string | null {
  const lowered = suggestKey(
    id.toLowerCase(),
    known.map((candidate) => candidate.toLowerCase()),
  );
  return known.find((candidate) => candidate.toLowerCase() === lowered) ?? null;
}
