import type { RepriceChange } from '../model/reprice-change.ts';
import type { StoredUsage, UsagePricing } from './stored-usage.ts';
import { statementsFor } from './ingest-statements.ts';
import type { Store } from './open-store.ts';
import { rebuildRollups } from './rebuild-rollups.ts';
import { rowToStoredUsage, type UsageRow } from './usage-row.ts';

const HOUR_MS = 3_600_000;
const CHUNK_ROWS = 5_000;

export interface RepriceResult {
  /** Records looked at (every record from `fromMs` on). */
  readonly examined: number;
  readonly changes: readonly RepriceChange[];
}

/**
 * Recomputes the stored list cost of every usage row from `fromMs` (UTC ms, null: all) with `price`,
 * stamps the rows with `pricingVersion`, and rebuilds the rollups from there on — all in one
 * transaction, so a crash leaves the old costs whole. With `isDryRun` nothing is written; the changes
 * are the same. Stored costs never change any other way: reports show history as it was priced.
 */
export function repriceUsage(
  store: Store,
  price: (usage: StoredUsage) => UsagePricing,
  pricingVersion: string,
  options: { readonly fromMs: number | null; readonly isDryRun: boolean },
): RepriceResult {
  const fromMs = options.fromMs ?? Number.MIN_SAFE_INTEGER;
  const select = store
    .prepare(`SELECT * FROM usage WHERE id > ? AND occurred_at_ms >= ? ORDER BY id LIMIT ${CHUNK_ROWS}`)
    .safeIntegers(true);
  const update = store.prepare(
    'UPDATE usage SET cost_pico = ?, priced_model = ?, unpriced_reason = ?, price_layer = ?, price_book_id = ? WHERE id = ?',
  );
  const changes = new Map<string, { -readonly [K in keyof RepriceChange]: RepriceChange[K] }>();
  let examined = 0;

  const run = (): void => {
    const priceBookId = options.isDryRun
      ? null
      : (statementsFor(store).upsertPriceBook.get(pricingVersion) as number);
    let lastId = 0n;
    for (;;) {
      const rows = select.all(lastId, fromMs) as (UsageRow & { id: bigint })[];
      if (rows.length === 0) break;
      for (const row of rows) {
        lastId = row.id;
        examined += 1;
        const usage = rowToStoredUsage(row);
        const after = price(usage);
        const isSame =
          after.costPico === usage.costPico &&
          after.pricedModel === usage.pricedModel &&
          after.unpricedReason === usage.unpricedReason &&
          after.priceLayer === usage.priceLayer;
        if (isSame) continue;
        const hourStartMs = Math.floor(usage.occurredAtMs / HOUR_MS) * HOUR_MS;
        const key = `${hourStartMs}\u0000${usage.provider}\u0000${usage.model}`;
        let change = changes.get(key);
        if (change === undefined) {
          change = {
            hourStartMs,
            provider: usage.provider,
            model: usage.model,
            records: 0,
            beforePico: 0n,
            afterPico: 0n,
            newlyPriced: 0,
            newlyUnpriced: 0,
          };
          changes.set(key, change);
        }
        change.records += 1;
        change.beforePico += usage.costPico ?? 0n;
        change.afterPico += after.costPico ?? 0n;
        if (usage.costPico === null && after.costPico !== null) change.newlyPriced += 1;
        if (usage.costPico !== null && after.costPico === null) change.newlyUnpriced += 1;
        if (priceBookId !== null)
          update.run(
            after.costPico,
            after.pricedModel,
            after.unpricedReason,
            after.priceLayer,
            priceBookId,
            row.id,
          );
      }
    }
    if (priceBookId === null) return;
    store
      .prepare('UPDATE usage SET price_book_id = ? WHERE occurred_at_ms >= ? AND price_book_id IS NOT ?')
      .run(priceBookId, fromMs, priceBookId);
    rebuildRollups(store, options.fromMs);
    // Pricings no stored cost refers to any more are forgotten, so reports list only those in use.
    store
      .prepare(
        'DELETE FROM price_books WHERE id NOT IN (SELECT DISTINCT price_book_id FROM usage WHERE price_book_id IS NOT NULL)',
      )
      .run();
  };
  if (options.isDryRun) run();
  else store.transaction(run).immediate();
  return { examined, changes: [...changes.values()] };
}
