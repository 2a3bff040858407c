import { groupByDepartment } from '../../chargeback/group-by-department.ts';
import { renderChargebackJson } from '../../output/chargeback-json.ts';
import {
  renderChargebackCsv,
  renderChargebackMarkdown,
  renderChargebackTable,
} from '../../output/render-chargeback.ts';
import { computeChargeback } from '../compute-chargeback.ts';
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { Settings } from '../settings.ts';
import { streamBinaryOutput, writeInFormat } from '../write-output.ts';
import type { ChargebackOptions } from './chargeback.ts';

export async function runChargeback(
  options: ChargebackOptions,
  settings: Settings,
  ctx: Context,
): Promise<ExitCode> {
  if (settings.format === 'html') {
    throw new UsageError(
      'chargeback writes table, json, csv, md or xlsx; for a printable page per cost center use llmcost invoice --format html',
    );
  }
  const { statement, about } = computeChargeback(options.period, settings, ctx);
  const departments = options.by === 'department' ? groupByDepartment(statement.rows) : null;
  if (settings.format === 'xlsx') {
    const { writeChargebackXlsx } = await import('../../output/write-chargeback-xlsx.ts');
    await streamBinaryOutput(ctx, settings, (stream) =>
      writeChargebackXlsx(statement, departments, about, stream, ctx.nowMs),
    );
    return EXIT.OK;
  }
  writeInFormat(ctx, settings, settings.format, {
    json: () => renderChargebackJson(statement, departments),
    csv: () => renderChargebackCsv(statement, departments),
    md: () => renderChargebackMarkdown(statement, departments),
    table: () => renderChargebackTable(statement, departments, ctx.display),
  });
  return EXIT.OK;
}
