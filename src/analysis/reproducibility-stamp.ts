import { createHash } from 'node:crypto';

/**
 * A report's reproducibility stamp: one hash of the pricings that priced the usage, the ingested
 * inputs (by content), and every option that shapes the numbers. Two runs with the same stamp show the
 * same figures; a changed price book, a new file or another `--as-of` changes it.
 */
export interface ReproducibilityStamp {
  readonly hash: string;
  readonly pricingVersions: readonly string[];
  readonly sources: number;
}

export function reproducibilityStamp(
  inputs: { readonly pricingVersions: readonly string[]; readonly sources: readonly string[] },
  options: Readonly<Record<string, unknown>>,
): ReproducibilityStamp {
  const body = JSON.stringify({ pricings: inputs.pricingVersions, sources: inputs.sources, options });
  return {
    hash: `sha256:${createHash('sha256').update(body).digest('hex').slice(0, 16)}`,
    pricingVersions: inputs.pricingVersions,
    sources: inputs.sources.length,
  };
}
