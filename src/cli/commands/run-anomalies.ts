import { renderAnomaliesJson } from '../../output/anomalies-json.ts';
import { renderAnomaliesMarkdown } from '../../output/render-anomalies-markdown.ts';
import { renderAnomaliesTable } from '../../output/render-anomalies-table.ts';
import { openStore } from '../../store/open-store.ts';
import type { Context } from '../context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import type { AnomaliesOptions } from './anomalies.ts';
import { requireUsd } from '../require-usd.ts';
import { findStoredAnomalies, requireDatabase } from './find-stored-anomalies.ts';

export function runAnomalies(options: AnomaliesOptions, settings: Settings, ctx: Context): ExitCode {
  requireDatabase(settings);
  requireUsd(settings, 'anomalies');
  const store = openStore(settings.dbPath);
  try {
    const report = findStoredAnomalies(store, options, settings, options.minImpact);
    const format = requireFormat(settings, 'anomalies', ['table', 'json', 'md']);
    writeInFormat(ctx, settings, format, {
      json: () => renderAnomaliesJson(report),
      md: () => renderAnomaliesMarkdown(report),
      table: () => renderAnomaliesTable(report, ctx.display),
    });
    return options.failOnAnomaly && report.result.findings.length > 0 ? EXIT.GATE : EXIT.OK;
  } finally {
    store.close();
  }
}
