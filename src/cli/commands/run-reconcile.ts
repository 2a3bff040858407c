import { existsSync } from 'node:fs';
import { reconcileSources } from '../../analysis/reconcile-sources.ts';
import { renderReconcileJson } from '../../output/reconcile-json.ts';
import { renderReconcileCsv } from '../../output/render-reconcile-csv.ts';
import { renderReconcileMarkdown, renderReconcileTable } from '../../output/reconcile-table.ts';
import { openStore } from '../../store/open-store.ts';
import { selectReconcileSums } from '../../store/select-reconcile-sums.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { endOf, parseDateFlag, startOf } from '../parse-date-flag.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { ReconcileOptions } from './reconcile.ts';

/**
 * `llmcost reconcile`: the providers and UTC days that both a billing export and request logs cover,
 * compared side by side. Days are UTC whatever `--tz` says: overlap is decided per UTC day, the day
 * providers' exports bucket by.
 */
export function runReconcile(options: ReconcileOptions, settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'reconcile', ['table', 'json', 'csv', 'md']);
  const fromMs = options.since === undefined ? null : startOf(parseDateFlag(options.since, '--since'), 'UTC');
  const toMs = options.until === undefined ? null : endOf(parseDateFlag(options.until, '--until'), 'UTC');
  if (fromMs !== null && toMs !== null && fromMs >= toMs)
    throw new UsageError('--since must be before --until');
  if (!existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
  const store = openStore(settings.dbPath);
  let reconciliation;
  try {
    const sums = selectReconcileSums(store, { fromMs, toMs, provider: options.provider ?? null });
    reconciliation = reconcileSources(sums, options.by);
  } finally {
    store.close();
  }
  writeInFormat(ctx, settings, format, {
    json: () =>
      renderReconcileJson(reconciliation, {
        since: fromMs === null ? null : new Date(fromMs).toISOString().slice(0, 10),
        until: toMs === null ? null : new Date(toMs - 1).toISOString().slice(0, 10),
      }),
    csv: () => renderReconcileCsv(reconciliation),
    md: () => renderReconcileMarkdown(reconciliation),
    table: () => renderReconcileTable(reconciliation, ctx.display),
  });
  return EXIT.OK;
}
