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
import { streamBinaryOutput, writeOutput } from '../write-output.ts';
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
  switch (settings.format) {
    case 'json':
      writeOutput(ctx, settings, renderChargebackJson(statement, departments));
      break;
    case 'csv':
      writeOutput(ctx, settings, renderChargebackCsv(statement, departments));
      break;
    case 'md':
      writeOutput(ctx, settings, renderChargebackMarkdown(statement, departments));
      break;
    case 'table':
      writeOutput(ctx, settings, renderChargebackTable(statement, departments, ctx.display));
      break;
    case 'xlsx': {
      const { writeChargebackXlsx } = await import('../../output/write-chargeback-xlsx.ts');
      await streamBinaryOutput(ctx, settings, (stream) =>
        writeChargebackXlsx(statement, departments, about, stream, ctx.nowMs),
      );
      break;
    }
    default:
      return settings.format satisfies never;
  }
  return EXIT.OK;
}
