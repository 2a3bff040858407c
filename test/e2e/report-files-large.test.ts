import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { roundPicoUsdToCents } from '../../src/model/money.ts';
import type { ReportJson } from '../../src/output/report-json.ts';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { makeSandbox, type Sandbox } from '../helpers/run-cli.ts';
import { runLlmcost } from '../helpers/run-llmcost.ts';

// CSV and XLSX exports stream from the store (src/cli/stream-report-file.ts) while `--format json`
// builds the report in memory (buildReport): on a store with more than 20,000 report rows, the files
// must hold the same rows and totals, to the cent. 720 hours × 30 users, one record each.
const HOURS = 720;
const USERS = 30;
const MODELS = [
  ['openai', 'gpt-4o-2024-08-06'],
  ['openai', 'gpt-4.1-mini'],
  ['openai', 'o3'],
  ['anthropic', 'claude-haiku-4-5'],
  ['openai', 'no-such-model'],
] as const;
const START_MS = Date.UTC(2026, 9, 1);

function usageLines(records: number): string {
  return Array.from({ length: records }, (_, index) => {
    const [provider, model] = MODELS[index % MODELS.length] ?? MODELS[0];
    return JSON.stringify({
      ts: new Date(START_MS + (index % HOURS) * 3_600_000 + ((index * 37) % 3_600) * 1_000).toISOString(),
      provider,
      model,
      id: `large-${index}`,
      input_tokens: 100 + ((index * 7_919) % 5_000),
      cache_read_tokens: index % 3 === 0 ? index % 2_000 : 0,
      output_tokens: 10 + ((index * 104_729) % 900),
      user: `user-${Math.floor(index / HOURS)}`,
    });
  }).join('\n');
}

/** A sandbox whose store holds the first `records` records (all of them by default). */
function seededSandbox(records = HOURS * USERS): Sandbox {
  const sandbox = makeSandbox();
  const file = join(sandbox.dir, 'usage.jsonl');
  writeFileSync(file, `${usageLines(records)}\n`);
  writeFileSync(
    join(sandbox.dir, 'rates.csv'),
    'date,currency,rate\n2026-01-01,EUR,0.9\n2026-10-15,EUR,0.95\n',
  );
  writeFileSync(
    join(sandbox.dir, 'eur.config.json'),
    JSON.stringify({ exchangeRatesFile: 'rates.csv', currency: 'EUR' }),
  );
  const ingested = runLlmcost(['ingest', file, '--from', 'llmcost-jsonl', '-q'], sandbox);
  if (ingested.code !== 0) throw new Error(`ingest failed: ${ingested.stderr}`);
  return sandbox;
}

/** Runs `report … --out <name>` in the sandbox and returns the file's path. */
function exportReport(sandbox: Sandbox, args: readonly string[], name: string): string {
  const path = join(sandbox.dir, name);
  const result = runLlmcost(['report', '--as-of', '2026-11-01', ...args, '--out', path, '-q'], sandbox);
  expect(result, `report ${args.join(' ')} --out ${name}`).toMatchObject({ code: 0, stderr: '' });
  return path;
}

/** A JSON row as the file columns show it: period, group cells, counts, exact money. */
function expectedCells(json: ReportJson, row: ReportJson['rows'][number]): (string | number)[] {
  const groups = json.groupBy.map((dimension, index) =>
    row.isOther ? (index === 0 ? '(other)' : '') : (row.group[dimension] ?? '(none)'),
  );
  return [
    row.period,
    ...groups,
    row.records,
    row.inputTokens,
    row.cacheReadTokens,
    row.outputTokens,
    row.unpricedRecords,
    row.costExact,
    row.listCostExact,
  ];
}

const unit = (json: ReportJson) => json.currency.toLowerCase();
const csvCells = (json: ReportJson, row: Record<string, string>): (string | number)[] => [
  row.period ?? '',
  ...json.groupBy.map((dimension) => row[dimension] ?? ''),
  Number(row.records),
  Number(row.input_tokens),
  Number(row.cache_read_tokens),
  Number(row.output_tokens),
  Number(row.unpriced_records),
  row[`cost_${unit(json)}`] ?? '',
  row[`list_cost_${unit(json)}`] ?? '',
];

describe.each([
  ['by hour, every group', 20_000, ['--by', 'hour', '--group-by', 'user,model']],
  [
    'by day in Berlin, top 25 with (other), economics, in euros',
    700,
    [
      '--by',
      'day',
      '--tz',
      'Europe/Berlin',
      '--group-by',
      'user,model',
      '--top',
      '25',
      '--economics',
      '--config',
      'eur.config.json',
    ],
  ],
  [
    'by day, compared with the previous day, sorted by the change',
    1_000,
    ['--by', 'day', '--group-by', 'user,model', '--compare', 'previous', '--sort', 'delta'],
  ],
] as const)(
  'a large export (%s) streamed to CSV and XLSX equals the in-memory report',
  (_, minRows, flags) => {
    const sandbox = seededSandbox();
    const args = flags.map((flag) => (flag.endsWith('.json') ? join(sandbox.dir, flag) : flag));
    const json = JSON.parse(readFileSync(exportReport(sandbox, args, 'report.json'), 'utf8')) as ReportJson;
    const csvRows = Papa.parse<Record<string, string>>(
      readFileSync(exportReport(sandbox, args, 'report.csv'), 'utf8').trim(),
      { header: true },
    ).data;
    const xlsxPath = exportReport(sandbox, args, 'report.xlsx');

    it('has the in-memory rows, in order, in the CSV; its money columns sum to the totals exactly', () => {
      expect(json.rows.length).toBeGreaterThan(minRows);
      expect(csvRows.map((row) => csvCells(json, row))).toEqual(
        json.rows.map((row) => expectedCells(json, row)),
      );
      const sum = (field: string) =>
        csvRows.reduce((total, row) => total + decimalUsdToPico(row[field] ?? ''), 0n);
      expect(sum(`cost_${unit(json)}`)).toBe(BigInt(json.totals.costPico));
      expect(sum(`list_cost_${unit(json)}`)).toBe(BigInt(json.totals.listCostPico));
    });

    it('has the same rows in the XLSX, and totals whose cached results are the report totals, to the cent', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsxPath);
      const sheet = workbook.getWorksheet('Report');
      const headings = ((sheet?.getRow(1).values ?? []) as unknown[]).slice(1);
      const column = (heading: string) => headings.indexOf(heading) + 1;
      const currency = json.currency;
      const fields = [
        'Period',
        ...json.groupBy.map((dimension) => (dimension === 'user' ? 'User' : 'Model')),
        'Records',
        'Input tokens',
        'Cache read tokens',
        'Output tokens',
        'Unpriced records',
        `Cost (${currency})`,
        `List cost (${currency})`,
      ];
      const dataRows = Array.from({ length: json.rows.length }, (__, index) => sheet?.getRow(index + 2));
      expect(dataRows.map((row) => fields.map((field) => row?.getCell(column(field)).value))).toEqual(
        json.rows.map((row) =>
          expectedCells(json, row).map((cell, index) => (index >= fields.length - 2 ? Number(cell) : cell)),
        ),
      );
      expect(sheet?.rowCount).toBe(json.rows.length + 2);
      const totals = sheet?.getRow(json.rows.length + 2);
      expect(totals?.getCell(1).value).toBe('Total');
      for (const [heading, key] of [
        [`Cost (${currency})`, 'costExact'],
        [`List cost (${currency})`, 'listCostExact'],
      ] as const) {
        expect(totals?.getCell(column(heading)).value).toMatchObject({ result: Number(json.totals[key]) });
        const summed = dataRows.reduce(
          (total, row) => total + Number(row?.getCell(column(heading)).value),
          0,
        );
        expect(BigInt(Math.round(summed * 100))).toBe(
          roundPicoUsdToCents(decimalUsdToPico(json.totals[key])),
        );
      }
      expect(totals?.getCell(column('Input tokens')).value).toMatchObject({
        result: json.totals.inputTokens,
      });
    }, 60_000);
  },
);

describe('a streamed export that fails part way', () => {
  it.each(['report.csv', 'report.xlsx'])(
    'exits 1 and leaves no %s behind',
    (name) => {
      const sandbox = seededSandbox(100);
      const config = join(sandbox.dir, 'late-rates.config.json');
      writeFileSync(join(sandbox.dir, 'late.csv'), 'date,currency,rate\n2026-10-15,EUR,0.95\n');
      writeFileSync(config, JSON.stringify({ exchangeRatesFile: 'late.csv', currency: 'EUR' }));
      const path = join(sandbox.dir, name);
      const result = runLlmcost(
        ['report', '--as-of', '2026-11-01', '--by', 'day', '--config', config, '--out', path],
        sandbox,
      );
      expect(result).toMatchObject({
        code: 1,
        stderr: expect.stringContaining(
          'no EUR rate on or before 2026-10-01 (the first is 2026-10-15)',
        ) as string,
      });
      expect(existsSync(path)).toBe(false);
    },
    60_000,
  );
});
