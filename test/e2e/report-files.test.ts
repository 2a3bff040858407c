import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { roundPicoUsdToCents } from '../../src/model/money.ts';
import type { ReportJson } from '../../src/output/report-json.ts';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { AS_OF, makeSeededSandbox, reportJson, runLlmcost } from '../helpers/run-llmcost.ts';

/** Usage whose project names would run as formulas if a spreadsheet took them at their word. */
const HOSTILE_PROJECTS = ['=HYPERLINK("http://example.invalid","x")', '@SUM(1+1)', '+1', '-2'];
const hostileDir = mkdtempSync(join(tmpdir(), 'llmcost-hostile-'));
const hostileFile = join(hostileDir, 'hostile.jsonl');
writeFileSync(
  hostileFile,
  HOSTILE_PROJECTS.map((project, index) =>
    JSON.stringify({
      ts: `2026-11-03T1${index}:00:00Z`,
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      id: `hostile-${index}`,
      input_tokens: 1000 + index,
      output_tokens: 100,
      project,
    }),
  ).join('\n') + '\n',
);

const INPUTS = [
  'fixtures/llmcost-jsonl/usage.jsonl',
  'fixtures/openai-responses/responses.jsonl',
  'fixtures/claude-code',
  hostileFile,
];
const ARGS = ['--as-of', AS_OF, '--by', 'day', '--group-by', 'project'];
const HEADINGS = [
  'Period',
  'Period start (UTC)',
  'Project',
  'Records',
  'Requests',
  'Requests unknown',
  'Input tokens',
  'Cache read tokens',
  'Cache write tokens',
  'Cache write 5m tokens',
  'Cache write 1h tokens',
  'Output tokens',
  'Reasoning tokens',
  'Cost (USD)',
  'List cost (USD)',
  'Reported cost (USD)',
  'Unpriced records',
  'Unpriced tokens',
];

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  expect(sheet, `sheet ${name}`).toBeDefined();
  return sheet as ExcelJS.Worksheet;
}

const cents = (json: ReportJson['totals'], key: 'costExact' | 'listCostExact' | 'reportedCostExact') =>
  roundPicoUsdToCents(decimalUsdToPico(json[key]));
const sumCells = (sheet: ExcelJS.Worksheet, column: number, rows: number) =>
  Array.from({ length: rows }, (_, index) => sheet.getRow(index + 2).getCell(column).value as number).reduce(
    (sum, value) => sum + value,
    0,
  );

describe('report --format xlsx: read back with exceljs', async () => {
  const sandbox = makeSeededSandbox(INPUTS);
  const path = join(sandbox.dir, 'report.xlsx');
  const written = runLlmcost(['report', ...ARGS, '--out', path], sandbox);
  const json = reportJson(sandbox, ARGS.slice(2));
  const workbook = await readWorkbook(path);
  const sheet = sheetOf(workbook, 'Report');
  const rowCount = json.rows.length;
  const column = (heading: string) => HEADINGS.indexOf(heading) + 1;

  it('writes the file and says so', () => {
    expect(written).toMatchObject({ code: 0, stdout: '', stderr: `llmcost: wrote ${path}\n` });
  });

  it('has the header, then one row per report row, then a totals row', () => {
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADINGS);
    expect(rowCount).toBeGreaterThan(5);
    expect(sheet.rowCount).toBe(rowCount + 2);
    expect(sheet.getRow(rowCount + 2).getCell(1).value).toBe('Total');
  });

  it('freezes the header row, filters it, and sets column widths', () => {
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:R${rowCount + 1}`);
    expect(HEADINGS.map((_, index) => sheet.getColumn(index + 1).width)).toSatisfy((widths: number[]) =>
      widths.every((width) => width >= 12),
    );
  });

  it('types counts as numbers, period starts as dates, and money as currency-formatted numbers', () => {
    json.rows.forEach((row, index) => {
      const cells = sheet.getRow(index + 2);
      expect(cells.getCell(column('Period')).value).toBe(row.period);
      expect(cells.getCell(column('Period start (UTC)')).value).toEqual(new Date(row.periodStart ?? ''));
      expect(cells.getCell(column('Input tokens')).value).toBe(row.inputTokens);
      expect(cells.getCell(column('Requests')).value).toBe(row.requests);
      expect(cells.getCell(column('Cost (USD)')).value).toBe(Number(row.costExact));
      expect(cells.getCell(column('Reported cost (USD)')).value).toBe(Number(row.reportedCostExact));
    });
    const first = sheet.getRow(2);
    expect(first.getCell(column('Period start (UTC)')).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(column('Input tokens')).numFmt).toBe('#,##0');
    expect(first.getCell(column('Cost (USD)')).numFmt).toBe('"$"#,##0.00##');
    expect(first.getCell(column('Cost (USD)')).type).toBe(ExcelJS.ValueType.Number);
  });

  it('totals with SUM formulas whose cached results are the report totals, to the cent', () => {
    const totals = sheet.getRow(rowCount + 2);
    const money = [
      ['Cost (USD)', 'costExact'],
      ['List cost (USD)', 'listCostExact'],
      ['Reported cost (USD)', 'reportedCostExact'],
    ] as const;
    for (const [heading, key] of money) {
      const letter = String.fromCharCode(64 + column(heading));
      expect(totals.getCell(column(heading)).value).toEqual({
        formula: `SUM(${letter}2:${letter}${rowCount + 1})`,
        result: Number(json.totals[key]),
      });
      const summed = sumCells(sheet, column(heading), rowCount);
      expect(BigInt(Math.round(summed * 100))).toBe(cents(json.totals, key));
      expect(Math.abs(summed - Number(json.totals[key]))).toBeLessThan(1e-9);
    }
    expect(totals.getCell(column('Input tokens')).value).toMatchObject({ result: json.totals.inputTokens });
    expect(sumCells(sheet, column('Input tokens'), rowCount)).toBe(json.totals.inputTokens);
  });

  it('stores formula-like project names as quoted text, never as formulas', () => {
    const projects = json.rows.map((_, index) => sheet.getRow(index + 2).getCell(column('Project')));
    const hostile = projects.filter((cell) => cell.text.startsWith("'"));
    expect(hostile.map((cell) => cell.value).sort()).toEqual(
      HOSTILE_PROJECTS.map((name) => `'${name}`).sort(),
    );
    expect(hostile.every((cell) => cell.type === ExcelJS.ValueType.String)).toBe(true);
  });

  it('has an About sheet with range, zone, cost mode, currency, pricing and the stamp', () => {
    const about = sheetOf(workbook, 'About');
    const facts = new Map<string, string>();
    about.eachRow((row) => facts.set(row.getCell(1).text, row.getCell(2).text));
    expect(Object.fromEntries(facts)).toMatchObject({
      Period: 'by day',
      'As of': '2026-11-24T00:00:00.000Z',
      'Time zone': 'UTC',
      'Group by': 'project',
      Filters: 'none',
      Currency: 'USD',
      'Exchange rates': 'none (amounts in USD)',
      'Pricing versions': json.stamp.pricingVersions.join(', '),
      'Reproducibility stamp': json.stamp.hash,
    });
    expect(facts.get('Cost mode')).toMatch(/^auto: /);
    expect(facts.get('Generated at')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(facts.get('Notes')).toMatch(/^Cost: /);
  });
});

describe('report --format xlsx in another currency and time zone', async () => {
  const sandbox = makeSeededSandbox(INPUTS);
  writeFileSync(
    join(sandbox.dir, 'rates.csv'),
    'date,currency,rate\n2025-01-01,EUR,0.8\n2026-11-02,EUR,0.9\n',
  );
  const config = join(sandbox.dir, 'eur.config.json');
  writeFileSync(config, JSON.stringify({ exchangeRatesFile: 'rates.csv', currency: 'EUR' }));
  const args = ['--by', 'day', '--tz', 'Europe/Berlin', '--config', config];
  const path = join(sandbox.dir, 'eur.xlsx');
  const written = runLlmcost(['report', '--as-of', AS_OF, ...args, '--out', path], sandbox);
  const json = reportJson(sandbox, args);
  const sheet = sheetOf(await readWorkbook(path), 'Report');

  const COST_WITHOUT_GROUPS = HEADINGS.indexOf('Cost (USD)');
  it('formats money in euros and dates as the local start of each Berlin day', () => {
    expect(written.code).toBe(0);
    expect(sheet.getRow(1).getCell(COST_WITHOUT_GROUPS).value).toBe('Cost (EUR)');
    expect(sheet.getRow(2).getCell(COST_WITHOUT_GROUPS).numFmt).toBe('"€"#,##0.00##');
    const [year, month, day] = (json.rows[0]?.period ?? '').split('-').map(Number);
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day)));
    expect(sheet.getRow(json.rows.length + 2).getCell(COST_WITHOUT_GROUPS).value).toMatchObject({
      result: Number(json.totals.costExact),
    });
  });
});

describe('report --format xlsx to stdout', () => {
  it('writes the workbook when stdout is a pipe', () => {
    const sandbox = makeSeededSandbox(INPUTS);
    const result = runLlmcost(['report', '--as-of', AS_OF, '--format', 'xlsx'], sandbox);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('PK')).toBe(true);
  });
});

describe('report --format csv: read back with papaparse', () => {
  const sandbox = makeSeededSandbox(INPUTS);
  const json = reportJson(sandbox, ARGS.slice(2));
  const csv = runLlmcost(['report', ...ARGS, '--format', 'csv'], sandbox);
  const rows = Papa.parse<Record<string, string>>(csv.stdout.trim(), { header: true }).data;
  const sumPico = (field: string) => rows.reduce((sum, row) => sum + decimalUsdToPico(row[field] ?? ''), 0n);
  const sumCount = (field: string) => rows.reduce((sum, row) => sum + Number(row[field]), 0);

  it('sums each money column to the report total, exactly (and so to the cent)', () => {
    expect(csv.code).toBe(0);
    expect(rows).toHaveLength(json.rows.length);
    expect(sumPico('cost_usd')).toBe(BigInt(json.totals.costPico));
    expect(sumPico('list_cost_usd')).toBe(BigInt(json.totals.listCostPico));
    expect(sumPico('reported_cost_usd')).toBe(BigInt(json.totals.reportedCostPico));
    expect(roundPicoUsdToCents(sumPico('cost_usd'))).toBe(cents(json.totals, 'costExact'));
  });

  it('sums each count column to the report total', () => {
    expect({
      records: sumCount('records'),
      inputTokens: sumCount('input_tokens'),
      cacheReadTokens: sumCount('cache_read_tokens'),
      cacheWriteTokens: sumCount('cache_write_tokens'),
      outputTokens: sumCount('output_tokens'),
      unpricedTokens: sumCount('unpriced_tokens'),
    }).toEqual({
      records: json.totals.records,
      inputTokens: json.totals.inputTokens,
      cacheReadTokens: json.totals.cacheReadTokens,
      cacheWriteTokens: json.totals.cacheWriteTokens,
      outputTokens: json.totals.outputTokens,
      unpricedTokens: json.totals.unpricedTokens,
    });
  });

  it('quotes formula-like project names', () => {
    expect(
      rows
        .map((row) => row.project)
        .filter((project) => project?.startsWith("'"))
        .sort(),
    ).toEqual(HOSTILE_PROJECTS.map((name) => `'${name}`).sort());
  });
});

describe('formats a command cannot produce', () => {
  it.each([
    [['formats', '--format', 'xlsx'], 'formats prints table, json, csv or md, not xlsx'],
    [['pricing', 'list', '--format', 'html'], 'pricing list prints table, json, csv or md, not html'],
    [['pricing', 'check', '--format', 'csv'], 'pricing check prints table, md or json, not csv'],
  ])('%j fails with exit 2 and says which formats it prints', (args, message) => {
    const sandbox = makeSeededSandbox(INPUTS);
    expect(runLlmcost(args, sandbox)).toMatchObject({ code: 2, stdout: '', stderr: `llmcost: ${message}\n` });
  });

  it('--out report.xlsx picks xlsx for report and is refused by reprice', () => {
    const sandbox = makeSeededSandbox(INPUTS);
    const result = runLlmcost(['reprice', '--out', join(sandbox.dir, 'report.xlsx')], sandbox);
    expect(result).toMatchObject({
      code: 2,
      stderr: 'llmcost: reprice prints table, json, csv or md, not xlsx\n',
    });
  });
});

describe('report --format xlsx with --compare and --economics', () => {
  const sandbox = makeSeededSandbox(['fixtures/llmcost-jsonl/usage.jsonl']);
  const headingsOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);

  it('carries the baseline and change columns, the change summed like the report total', async () => {
    const args = [
      '--as-of',
      AS_OF,
      '--by',
      'none',
      '--group-by',
      'provider',
      '--since',
      '2026-11-04',
      '--compare',
      'previous',
    ];
    const path = join(sandbox.dir, 'compare.xlsx');
    expect(runLlmcost(['report', ...args, '--out', path], sandbox).code).toBe(0);
    const sheet = sheetOf(await readWorkbook(path), 'Report');
    const headings = headingsOf(sheet);
    expect(headings.slice(-3)).toEqual(['Baseline cost (USD)', 'Change (USD)', 'Change %']);
    const json = reportJson(sandbox, args);
    const totals = sheet.getRow(sheet.rowCount);
    const change = totals.getCell(headings.indexOf('Change (USD)') + 1).value as { result: number };
    expect(change.result).toBe(Number(json.totals.comparison?.changeExact));
  });

  it('carries unit economics, with ratios computed (not summed) on the totals row', async () => {
    const args = ['--as-of', AS_OF, '--by', 'none', '--group-by', 'model', '--economics'];
    const path = join(sandbox.dir, 'economics.xlsx');
    expect(runLlmcost(['report', ...args, '--out', path], sandbox).code).toBe(0);
    const sheet = sheetOf(await readWorkbook(path), 'Report');
    const headings = headingsOf(sheet);
    expect(headings).toContain('Cache hit ratio');
    const json = reportJson(sandbox, args);
    const totals = sheet.getRow(sheet.rowCount);
    expect(totals.getCell(headings.indexOf('Cache hit ratio') + 1).value).toBe(
      json.totals.economics?.cacheHitRatio,
    );
    expect(totals.getCell(headings.indexOf('Cache hit ratio') + 1).numFmt).toBe('0.0%');
  });
});
