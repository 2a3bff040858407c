import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildReport, type UsageSlice } from '../../src/analysis/build-report.ts';
import { ZERO_TOTALS } from '../../src/model/usage-totals.ts';
import { neutralizeFormula } from '../../src/output/neutralize-formula.ts';
import { renderReportCsv } from '../../src/output/render-report-csv.ts';

describe('neutralizeFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+cmd|"/c calc"!A0', `'+1+cmd|"/c calc"!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(1)', `'@SUM(1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('prefixes %j with a single quote', (text, expected) => {
    expect(neutralizeFormula(text)).toBe(expected);
  });

  it.each(['support-bot', 'a=b', 'x+1', '(none)', '', "'quoted", ' =leading space', '2026-11-02'])(
    'leaves %j as it is',
    (text) => {
      expect(neutralizeFormula(text)).toBe(text);
    },
  );
});

describe('renderReportCsv: formula injection', () => {
  const slice = (project: string, costPico: bigint): UsageSlice => ({
    sliceStartMs: Date.UTC(2026, 10, 2),
    groupValues: [project],
    totals: { ...ZERO_TOTALS, records: 1, requests: 1, inputTokens: 10, costPico, listCostPico: costPico },
  });
  const report = buildReport([slice('=1+2', 3n), slice('@cmd', 2n), slice('plain', -1n)], [], {
    costMode: 'list',
    currency: 'USD',
    exchange: null,
    stamp: { hash: 'sha256:0', pricingVersions: [], sources: 0 },
    by: 'day',
    timeZone: 'UTC',
    groupBy: ['project'],
    top: null,
  });

  it('quotes formula-like group values, and keeps numbers (even negative ones) as numbers', () => {
    const rows = Papa.parse<Record<string, string>>(renderReportCsv(report).trim(), { header: true }).data;
    expect(rows.map((row) => [row.project, row.cost_usd])).toEqual([
      ["'=1+2", '0.000000000003'],
      ["'@cmd", '0.000000000002'],
      ['plain', '-0.000000000001'],
    ]);
  });
});
