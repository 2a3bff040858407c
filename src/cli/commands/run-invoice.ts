import { buildInvoice } from '../../chargeback/build-invoice.ts';
import { renderInvoiceHtml } from '../../output/render-invoice-html.ts';
import {
  renderInvoiceJson,
  renderInvoiceMarkdown,
  renderInvoiceTable,
} from '../../output/render-invoice-text.ts';
import { suggestCostCenter } from '../../config/suggest-cost-center.ts';
import { computeChargeback } from '../compute-chargeback.ts';
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { InvoiceOptions } from './chargeback.ts';

export function runInvoice(options: InvoiceOptions, settings: Settings, ctx: Context): ExitCode {
  if (settings.format === 'csv' || settings.format === 'xlsx') {
    throw new UsageError(
      `invoice writes html, json or md; for a workbook of every cost center use llmcost chargeback --period ${options.period} --out chargeback.${settings.format}`,
    );
  }
  const { statement, about } = computeChargeback(options.period, settings, ctx);
  const invoice = buildInvoice(statement, options.costCenter);
  if (invoice === null) {
    const known = statement.rows.map((row) => row.costCenter);
    const suggestion = suggestCostCenter(options.costCenter, known);
    throw new UsageError(
      `--cost-center: no cost center "${options.costCenter}"${suggestion === null ? '' : ` (did you mean "${suggestion}"?)`}; known: ${known.join(', ')}`,
    );
  }
  writeInFormat(ctx, settings, settings.format, {
    html: () => renderInvoiceHtml(invoice, about),
    json: () => renderInvoiceJson(invoice),
    md: () => renderInvoiceMarkdown(invoice),
    table: () => renderInvoiceTable(invoice, ctx.display),
  });
  return EXIT.OK;
}
