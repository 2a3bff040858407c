import type { Store } from './open-store.ts';

/** What a report's numbers depend on, from the store: the pricings and the ingested inputs. */
export interface StampInputs {
  /** Pricing versions (price book + overrides) that priced the stored usage, sorted. */
  readonly pricingVersions: readonly string[];
  /** Each ingested source by content, not path: fingerprint, bytes read, rows kept; sorted. */
  readonly sources: readonly string[];
}

export function selectStampInputs(store: Store): StampInputs {
  const pricingVersions = store
    .prepare('SELECT version FROM price_books ORDER BY version')
    .pluck()
    .all() as string[];
  const sources = store
    .prepare(
      `SELECT fingerprint || ':' || bytes_ingested || ':' || rows_stored FROM sources
       WHERE rows_stored > 0 ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
  return { pricingVersions, sources };
}
