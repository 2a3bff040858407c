import { describe, expect, it } from 'vitest';
import { createCsvRecordReader, type CsvReading } from '../../src/ingest/csv-record-reader.ts';

function readAll(text: string): { readings: CsvReading[]; end: unknown } {
  const reader = createCsvRecordReader('f.csv');
  const readings = text
    .split('\n')
    .map((line, index) => reader.push(line, index + 1))
    .filter((reading) => reading.kind !== 'nothing');
  return { readings, end: reader.end() };
}

describe('createCsvRecordReader', () => {
  it('keys rows by header name (BOM and spaces dropped), a quoted cell may span lines', () => {
    const { readings, end } = readAll('\uFEFFa, b\n1,"x, ""y"""\n\n2,"two\nlines"\n');
    expect(end).toBeNull();
    expect(readings).toEqual([
      { kind: 'header', columns: ['a', 'b'] },
      { kind: 'row', row: { cells: { a: '1', b: 'x, "y"' }, line: 2 } },
      { kind: 'row', row: { cells: { a: '2', b: 'two\nlines' }, line: 4 } },
    ]);
  });

  it('reports a row with the wrong number of cells, and a quote never closed', () => {
    const { readings, end } = readAll('a,b\n1,2,3\n"open,1\n');
    expect(readings[1]).toEqual({
      kind: 'problem',
      problem: {
        file: 'f.csv',
        line: 2,
        field: null,
        message: 'expected 2 cells as in the header, got 3 (an unquoted comma in a cell?)',
      },
    });
    expect(end).toEqual({
      file: 'f.csv',
      line: 3,
      field: null,
      message: 'expected a closing quote, got the end of the file',
    });
  });
});
