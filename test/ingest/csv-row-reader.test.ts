import { describe, expect, it } from 'vitest';
import { createCsvRowReader, type CsvItem } from '../../src/ingest/csv-row-reader.ts';

function read(text: string): [number, unknown][] {
  const reader = createCsvRowReader('in.csv');
  const items: (CsvItem | null)[] = text.split('\n').map((line, index) => reader.read(line, index + 1));
  items.push(reader.finish());
  return items
    .filter((item): item is CsvItem => item !== null)
    .map((item) => (item.ok ? [item.line, item.row] : [item.problem.line, item.problem.message]));
}

describe('createCsvRowReader', () => {
  it('keys rows by the header; quoted commas, doubled quotes and newlines stay in their field', () => {
    const text = 'id,name,note\n1,"Acme, Inc.","say ""hi"""\n\n2,Notebook,"line one\nline two"\n3,x,y';
    expect(read(text)).toEqual([
      [2, { id: '1', name: 'Acme, Inc.', note: 'say "hi"' }],
      [4, { id: '2', name: 'Notebook', note: 'line one\nline two' }],
      [6, { id: '3', name: 'x', note: 'y' }],
    ]);
  });

  it('drops a UTF-8 BOM and spaces around header names', () => {
    expect(read('\uFEFFa, b \n1,2')).toEqual([[2, { a: '1', b: '2' }]]);
  });

  it('detects a semicolon delimiter from the header', () => {
    expect(read('Date;Model;Cost\n2026-11-02;gpt-4o;"0,50"')).toEqual([
      [2, { Date: '2026-11-02', Model: 'gpt-4o', Cost: '0,50' }],
    ]);
  });

  it('rejects a row with the wrong number of fields and a quote left open at the end', () => {
    expect(read('a,b\n1\n1,2,3\n2,3\n"4,5')).toEqual([
      [2, 'expected 2 fields as in the header, got 1'],
      [3, 'expected 2 fields as in the header, got 3 (an unquoted delimiter in a field?)'],
      [4, { a: '2', b: '3' }],
      [5, 'a quoted field is not closed before the end of the file'],
    ]);
  });

  it('rejects text after a closing quote', () => {
    expect(read('a,b\n1,"2"x')).toEqual([[2, 'malformed CSV: Trailing quote on quoted field is malformed']]);
  });
});
