import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { roundPicoUsdToCents } from '../../src/model/money.ts';
import type { ChargebackJson, CostCenterRowJson } from '../../src/output/chargeback-json.ts';
import { decimalUsdToPico } from '../helpers/decimal-usd-to-pico.ts';
import { readZipEntry } from '../helpers/read-zip-entry.ts';
import {
  AS_OF,
  fixturePath,
  makeSeededSandbox,
  maskSandbox,
  reportJson,
  runLlmcost,
} from '../helpers/run-llmcost.ts';

const INPUTS = ['fixtures/chargeback/usage.jsonl'];
const CONFIG = fixturePath('config/chargeback.config.json');
const configDir = mkdtempSync(join(tmpdir(), 'llmcost-chargeback-'));

/** A config file holding `chargeback` (plus `extra` top-level keys); returns its path. */
function writeConfig(name: string, chargeback: unknown, extra: Record<string, unknown> = {}): string {
  const path = join(configDir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ ...extra, chargeback }));
  return path;
}

/** The example's cost centers and rules alone: no pools, no adjustments. */
const example = JSON.parse(readFileSync(CONFIG, 'utf8')) as {
  chargeback: { costCenters: unknown; rules: unknown };
};
const RULES_ONLY = writeConfig('rules-only', {
  costCenters: example.chargeback.costCenters,
  rules: example.chargeback.rules,
});

const cents = (dollars: number): number => Math.round(dollars * 100);
const sumCents = (values: readonly number[]): number => values.reduce((sum, value) => sum + cents(value), 0);

function chargeback(args: readonly string[], sandbox = makeSeededSandbox(INPUTS)): ChargebackJson {
  const result = runLlmcost(['chargeback', '--format', 'json', '--as-of', AS_OF, ...args], sandbox);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ChargebackJson;
}

/** `report`'s total for the same month, in cents (the report's own rounding of its exact total). */
function reportCents(args: readonly string[], sandbox = makeSeededSandbox(INPUTS)): number {
  const report = reportJson(sandbox, [
    '--by',
    'none',
    '--since',
    '2026-10-01',
    '--until',
    '2026-10-31',
    ...args,
  ]);
  return Number(roundPicoUsdToCents(decimalUsdToPico(report.totals.costExact)));
}

// Each case spawns the CLI twice (chargeback and report): allow for a loaded machine.
describe('chargeback: the summary equals the report total for the same period', { timeout: 30_000 }, () => {
  it.each([
    ['UTC, cost mode auto', ['--tz', 'UTC']],
    ['list prices', ['--tz', 'UTC', '--cost', 'list']],
    ['a Berlin month', ['--tz', 'Europe/Berlin']],
    ['a zone 9.5 hours ahead', ['--tz', 'Australia/Adelaide']],
  ])('%s: without pools or adjustments the total is the report total', (_, args) => {
    const json = chargeback(['--period', '2026-10', '--config', RULES_ONLY, ...args]);
    expect(cents(json.totals.total)).toBe(reportCents(args));
    expect(cents(json.totals.usage)).toBe(reportCents(args));
    expect(json.rows.map((row) => (row as CostCenterRowJson).costCenter)).toEqual([
      'CC-100',
      'CC-200',
      'CC-300',
      'Unallocated',
    ]);
  });

  it('with pools and adjustments: direct plus the usage pools is the report total', () => {
    const json = chargeback(['--period', '2026-10', '--config', CONFIG]);
    const usagePools = json.pools.filter((pool) => pool.source !== 'amount');
    const reportTotal = reportCents([]);
    expect(cents(json.totals.direct) + sumCents(usagePools.map((pool) => pool.amount))).toBe(reportTotal);
    expect(cents(json.totals.usage)).toBe(reportTotal);
  });
});

describe('chargeback --format json: the contract', () => {
  const json = chargeback(['--period', '2026-10', '--config', CONFIG]);

  it('has rows, totals and pools with dollars as numbers', () => {
    expect(Object.keys(json.totals)).toEqual(['direct', 'shared', 'adjustments', 'total', 'usage']);
    for (const row of json.rows) {
      const { costCenter, direct, shared, adjustments, total } = row as CostCenterRowJson;
      expect([costCenter, direct, shared, adjustments, total].map((value) => typeof value)).toEqual([
        'string',
        'number',
        'number',
        'number',
        'number',
      ]);
    }
    expect(json.pools.map((pool) => [pool.name, pool.method])).toEqual([
      ['platform', 'proportional'],
      ['evals', 'even'],
      ['untagged', 'fixed'],
    ]);
  });

  it('rows add up to the totals exactly at the cent, and each row to its own total', () => {
    for (const key of ['direct', 'shared', 'adjustments', 'total'] as const) {
      expect(sumCents(json.rows.map((row) => row[key]))).toBe(cents(json.totals[key]));
    }
    for (const row of json.rows) {
      expect(cents(row.direct) + cents(row.shared) + cents(row.adjustments)).toBe(cents(row.total));
    }
  });

  it('splits each pool exactly and the fixed pool is the configured amount', () => {
    for (const pool of json.pools)
      expect(sumCents(pool.shares.map((share) => share.amount))).toBe(cents(pool.amount));
    expect(json.pools[0]?.amount).toBe(150);
    expect(sumCents(json.pools.map((pool) => pool.amount))).toBe(cents(json.totals.shared));
  });

  it('records the method on every adjustment line, and the credit and prepaid balances', () => {
    const lines = json.rows.flatMap((row) => (row as CostCenterRowJson).adjustmentLines);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.method).not.toBe('');
    expect(json.balances.map((balance) => [balance.kind, balance.label])).toEqual([
      ['credit', 'Launch credit'],
      ['prepaid', 'Lab prepaid commitment'],
    ]);
  });

  it('rolls up to departments with the same totals', () => {
    const departments = chargeback(['--period', '2026-10', '--config', CONFIG, '--by', 'department']);
    expect(departments.rows.map((row) => ('department' in row ? row.department : ''))).toEqual([
      'Product',
      'R&D',
    ]);
    expect(departments.totals).toEqual(json.totals);
  });
});

describe('chargeback: terminal table (golden)', () => {
  it('prints the summary, the pool splits and the notes', async () => {
    const sandbox = makeSeededSandbox(INPUTS);
    const result = runLlmcost(
      ['chargeback', '--period', '2026-10', '--config', CONFIG, '--as-of', AS_OF],
      sandbox,
    );
    expect(result.code).toBe(0);
    await expect(maskSandbox(result.stdout, sandbox)).toMatchFileSnapshot(
      '../golden/chargeback/table-2026-10.txt',
    );
  });
});

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

function sheetRows(workbook: ExcelJS.Workbook, name: string): ExcelJS.CellValue[][] {
  const sheet = workbook.getWorksheet(name);
  expect(sheet, `sheet ${name}`).toBeDefined();
  const rows: ExcelJS.CellValue[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

/**
 * A formula cell's cached result (a plain cell's value). exceljs 4.4 reads a cached `<v>0</v>` back as
 * no result at all (the file holds the 0: see the raw-XML test below), hence `?? 0`.
 */
const resultOf = (cell: ExcelJS.CellValue): number =>
  typeof cell === 'object' && cell !== null && 'formula' in cell
    ? ((cell as { result?: number }).result ?? 0)
    : (cell as number);
const formulaOf = (cell: ExcelJS.CellValue): string =>
  typeof cell === 'object' && cell !== null && 'formula' in cell ? cell.formula : '';

describe('chargeback --out file.xlsx: read back with exceljs', async () => {
  const sandbox = makeSeededSandbox(INPUTS);
  const path = join(sandbox.dir, 'chargeback.xlsx');
  const result = runLlmcost(
    ['chargeback', '--period', '2026-10', '--config', CONFIG, '--as-of', AS_OF, '--out', path],
    sandbox,
  );
  const json = chargeback(['--period', '2026-10', '--config', CONFIG], sandbox);
  const workbook = await readWorkbook(path);

  it('writes the file and says so', () => {
    expect(result.code).toBe(0);
    expect(maskSandbox(result.stderr, sandbox)).toBe('llmcost: wrote <sandbox>/chargeback.xlsx\n');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary',
      'Detail',
      'Allocation',
      'Adjustments',
      'About',
    ]);
  });

  it('Summary has the same numbers as the JSON, row totals and a totals row as SUM formulas', () => {
    const rows = sheetRows(workbook, 'Summary');
    expect(rows[0]).toEqual([
      'Cost center',
      'Name',
      'Department',
      'Direct',
      'Shared',
      'Adjustments',
      'Total',
    ]);
    const body = rows.slice(1, -1);
    expect(body.map((row) => [row[0], row[3], row[4], row[5], resultOf(row[6])])).toEqual(
      json.rows.map((row) => [
        (row as CostCenterRowJson).costCenter,
        row.direct,
        row.shared,
        row.adjustments,
        row.total,
      ]),
    );
    expect(formulaOf(body[0]?.[6] ?? null)).toBe('SUM(D2:F2)');
    const totals = rows.at(-1) ?? [];
    expect(totals[0]).toBe('Total');
    expect(totals.slice(3).map(formulaOf)).toEqual(['SUM(D2:D4)', 'SUM(E2:E4)', 'SUM(F2:F4)', 'SUM(G2:G4)']);
    expect(totals.slice(3).map(resultOf)).toEqual([
      json.totals.direct,
      json.totals.shared,
      json.totals.adjustments,
      json.totals.total,
    ]);
    // The cached totals are what the cells above add up to, to the cent.
    for (const column of [3, 4, 5]) {
      expect(sumCents(body.map((row) => row[column] as number))).toBe(
        cents(resultOf(totals[column] ?? null)),
      );
    }
  });

  it('Detail adds up to the usage cost, and neutralises text a spreadsheet would run', () => {
    const rows = sheetRows(workbook, 'Detail');
    const body = rows.slice(1, -1);
    expect(sumCents(body.map((row) => row[7] as number))).toBe(cents(json.totals.usage));
    expect(resultOf(rows.at(-1)?.[7] ?? null)).toBe(json.totals.usage);
    expect(body.some((row) => row[2] === `'=HYPERLINK("x")`)).toBe(true);
    expect(body.some((row) => typeof row[2] === 'string' && row[2].startsWith('='))).toBe(false);
    const perCenter = (id: string) =>
      sumCents(body.filter((row) => row[0] === id && row[1] === 'direct').map((row) => row[7] as number));
    for (const row of json.rows as CostCenterRowJson[])
      expect(perCenter(row.costCenter)).toBe(cents(row.direct));
  });

  it('Allocation lists each pool share with its method, adding up to the shared total', () => {
    const rows = sheetRows(workbook, 'Allocation');
    expect(rows[0]).toEqual([
      'Pool',
      'Source',
      'Method',
      'Pool amount',
      'Cost center',
      'Weight',
      'Share',
      'Amount',
      'Note',
    ]);
    const body = rows.slice(1, -1);
    expect(body.map((row) => [row[0], row[2], row[4], row[7]])).toEqual(
      json.pools.flatMap((pool) =>
        pool.shares.map((share) => [pool.name, pool.method, share.costCenter, share.amount]),
      ),
    );
    expect(resultOf(rows.at(-1)?.[7] ?? null)).toBe(json.totals.shared);
  });

  it('Adjustments add up to the adjustments total', () => {
    const rows = sheetRows(workbook, 'Adjustments');
    expect(sumCents(rows.slice(1, -1).map((row) => row[5] as number))).toBe(cents(json.totals.adjustments));
  });

  it('About names the period, zone, rules hash, price book and cost mode', () => {
    const about = new Map(sheetRows(workbook, 'About').map((row) => [row[0], row[1]]));
    expect(about.get('Period')).toBe('2026-10');
    expect(about.get('Time zone')).toBe('UTC');
    expect(about.get('Rules hash')).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(about.get('Price-book versions')).toMatch(/^sha256:/);
    expect(about.get('Cost mode')).toMatch(/^auto: /);
  });

  it('stores a zero total as a cached 0 in the file', () => {
    expect(readZipEntry(readFileSync(path), 'xl/worksheets/sheet1.xml')).toContain(
      '<c r="G4" s="1"><f>SUM(D4:F4)</f><v>0</v></c>',
    );
  });

  it('freezes the header and filters every table sheet', () => {
    for (const name of ['Summary', 'Detail', 'Allocation', 'Adjustments']) {
      const sheet = workbook.getWorksheet(name);
      expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet?.autoFilter).toMatch(/^A1:[A-Z]+\d+$/);
    }
  });
});

// Several cases spawn the CLI more than once: allow for a loaded machine.
describe('invoice', { timeout: 30_000 }, () => {
  const sandbox = makeSeededSandbox(INPUTS);
  const invoice = (costCenter: string, format: string) =>
    runLlmcost(
      [
        'invoice',
        '--cost-center',
        costCenter,
        '--period',
        '2026-10',
        '--config',
        CONFIG,
        '--as-of',
        AS_OF,
        '--format',
        format,
      ],
      sandbox,
    );

  it('adds up: usage lines to direct, subtotal plus tax to the chargeback total', () => {
    const json = chargeback(['--period', '2026-10', '--config', CONFIG], sandbox);
    for (const row of json.rows as CostCenterRowJson[]) {
      const result = invoice(row.costCenter, 'json');
      expect(result.code).toBe(0);
      const statement = JSON.parse(result.stdout) as {
        usageLines: { amount: number }[];
        direct: number;
        shared: number;
        subtotal: number;
        taxLines: { amount: number }[];
        total: number;
      };
      expect(sumCents(statement.usageLines.map((line) => line.amount))).toBe(cents(row.direct));
      expect(cents(statement.shared)).toBe(cents(row.shared));
      expect(cents(statement.subtotal) + sumCents(statement.taxLines.map((line) => line.amount))).toBe(
        cents(row.total),
      );
      expect(statement.total).toBe(row.total);
    }
  });

  it('says what is left of the prepaid balance the cost center drew on', () => {
    const statement = JSON.parse(invoice('CC-300', 'json').stdout) as { balances: unknown[] };
    expect(statement.balances).toEqual([
      {
        kind: 'prepaid',
        label: 'Lab prepaid commitment',
        available: 100.08,
        applied: 92.29,
        remaining: 7.79,
      },
    ]);
    expect(invoice('CC-300', 'md').stdout).toContain(
      '- Lab prepaid commitment: $92.29 of $100.08 used, $7.79 left for next month.\n',
    );
  });

  it('prints in the terminal as house tables (golden)', async () => {
    const result = invoice('CC-300', 'table');
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot('../golden/chargeback/invoice-cc-300.txt');
  });

  it('prints as a self-contained HTML page with print rules', () => {
    const result = invoice('CC-100', 'html');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(result.stdout).toContain("default-src 'none'");
    expect(result.stdout).toContain('@media print');
    expect(result.stdout).toContain('<tr class="due"><th>Total due</th>');
    expect(result.stdout).not.toMatch(/<script|https?:\/\//);
  });

  it('refuses an unknown cost center with exit 2, listing the known ones', () => {
    const result = invoice('cc-100', 'md');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'llmcost: --cost-center: no cost center "cc-100" (did you mean "CC-100"?); known: CC-100, CC-200, CC-300\n',
    );
  });
});

describe('chargeback: config and usage errors exit 2', () => {
  const sandbox = makeSeededSandbox(INPUTS);
  it.each([
    [
      'no chargeback key',
      ['--config', writeConfig('none', undefined, { timeZone: 'UTC' })],
      /^llmcost: no "chargeback" key in .*none\.json: declare "costCenters" and "rules" first/,
    ],
    [
      'a misspelt attribute',
      [
        '--config',
        writeConfig('bad', { costCenters: { A: {} }, rules: [{ costCenter: 'A', match: { teem: 'x' } }] }),
      ],
      /bad\.json: "chargeback\.rules\[0\]\.match\.teem": unknown attribute; did you mean "team"\?\n$/,
    ],
    [
      'a month that is not one',
      ['--config', CONFIG, '--period', '2026-13'],
      /--period <month>' argument '2026-13' is invalid/,
    ],
    [
      'a month after --as-of',
      ['--config', CONFIG, '--period', '2026-12'],
      /--period 2026-12 has not started as of 2026-11-24/,
    ],
    ['html', ['--config', CONFIG, '--format', 'html'], /llmcost invoice --format html/],
  ])('%s', (_, args, message) => {
    const result = runLlmcost(['chargeback', '--period', '2026-10', '--as-of', AS_OF, ...args], sandbox);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
