import { describe, expect, it } from 'vitest';
import { createJsonValueReader, type JsonValueFound } from '../../src/ingest/json-value-reader.ts';
import type { IngestProblem } from '../../src/model/ingest-problem.ts';

function readAll(text: string): { values: JsonValueFound[]; problems: IngestProblem[] } {
  const reader = createJsonValueReader('f.json');
  const values: JsonValueFound[] = [];
  const problems: IngestProblem[] = [];
  text.split('\n').forEach((line, index) => {
    const read = reader.push(line, index + 1);
    values.push(...read.values);
    problems.push(...read.problems);
  });
  problems.push(...reader.end());
  return { values, problems };
}

const PRETTY = JSON.stringify(
  {
    data: [
      { id: 1, results: [{ n: 1 }, { n: 2 }] },
      { id: 2, results: [] },
    ],
  },
  null,
  2,
);

describe('createJsonValueReader', () => {
  it.each([
    ['one object per line', '{"a":1}\n{"a":2}\n'],
    ['pretty-printed objects one after another', '{\n  "a": 1\n}\n{\n  "a": 2\n}'],
    ['a pretty-printed array', '[\n  {\n    "a": 1\n  },\n  {\n    "a": 2\n  }\n]'],
    ['a one-line array', '[{"a":1},{"a":2}]'],
    ['two objects on one line, braces in strings', '{"a":1,"s":"}{\\"]"} {"a":2}'],
  ])('reads %s', (_layout, text) => {
    const { values, problems } = readAll(text);
    expect(problems).toEqual([]);
    expect(values.map((found) => (found.value as { a: number }).a)).toEqual([1, 2]);
  });

  it('tells the line where each nested object starts', () => {
    const [found] = readAll(`\n${PRETTY}`).values;
    const page = found?.value as { data: { results: object[] }[] };
    expect(found?.line).toBe(2);
    expect(found?.lineOf(page.data[0] ?? {})).toBe(4);
    expect(page.data[0]?.results.map((result) => found?.lineOf(result))).toEqual([7, 10]);
    expect(found?.lineOf(page.data[1] ?? {})).toBe(15);
  });

  it('reports invalid JSON at the line where its object starts, with its span', () => {
    const { values, problems } = readAll('{"a":1}\n{\n  "a": 1,\n}\n{"a":3}');
    expect(values.map((found) => found.line)).toEqual([1, 5]);
    expect(problems).toEqual([
      {
        file: 'f.json',
        line: 2,
        field: null,
        message: 'expected a JSON object, got invalid JSON (lines 2-4) "{\\n  \\"a\\": 1,\\n}"',
      },
    ]);
  });

  it('does not let a cut-off JSONL line swallow the lines after it', () => {
    const { values, problems } = readAll('{"a":1,"b":[\n{"a":2}\n');
    expect(values.map((found) => found.line)).toEqual([2]);
    expect(problems.map(({ line, message }) => `${line}: ${message}`)).toEqual([
      '1: expected the JSON object that starts here to end, got a new one at line 2',
    ]);
  });

  it('reports an object still open at the end of the file, and text that is no object', () => {
    expect(readAll('{\n  "a": 1').problems.map((problem) => problem.message)).toEqual([
      'expected the JSON object that starts here to end, got the end of the file',
    ]);
    expect(readAll('hello').problems.map((problem) => problem.message)).toEqual([
      'expected a JSON object or an array of them, got "hello"',
    ]);
  });
});
