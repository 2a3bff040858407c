import { describe, expect, it } from 'vitest';
import { createJsonDocumentReader, type JsonItem } from '../../src/ingest/json-document-reader.ts';

/** Feeds `text` line by line, then finish(); each item as [line, value] or [line, message]. */
function read(text: string): [number, unknown][] {
  const reader = createJsonDocumentReader('in.json');
  const items: JsonItem[] = [];
  text.split('\n').forEach((line, index) => items.push(...reader.read(line, index + 1)));
  items.push(...reader.finish());
  return items.map((item) => (item.ok ? [item.line, item.value] : [item.problem.line, item.problem.message]));
}

describe('createJsonDocumentReader', () => {
  it('reads JSONL one object per line, blank lines skipped, a bad line a problem of its own', () => {
    expect(read('{"a":1}\n\n{"a":2}\n{"a":3,\n{"a":4}')).toEqual([
      [1, { a: 1 }],
      [3, { a: 2 }],
      [4, 'expected a JSON object, got invalid JSON "{\\"a\\":3,"'],
      [5, { a: 4 }],
    ]);
  });

  it('reads the elements of one-line arrays and {"data":[…]} pages, and says which are not objects', () => {
    expect(read('[{"a":1},{"a":2}]\n{"data":[{"a":3}],"meta":{"page":1}}\n[5]')).toEqual([
      [1, { a: 1 }],
      [1, { a: 2 }],
      [2, { a: 3 }],
      [3, 'expected a JSON object, got 5'],
    ]);
  });

  it('reads a pretty-printed array element by element, each dated by the line it starts on', () => {
    const text = [
      '[',
      '  {',
      '    "a": "x]}",',
      '    "b": [1, {"c": 2}]',
      '  },',
      '  {"a": "\\"q\\""}',
      ']',
    ].join('\n');
    expect(read(text)).toEqual([
      [2, { a: 'x]}', b: [1, { c: 2 }] }],
      [6, { a: '"q"' }],
    ]);
  });

  it('reads the data of a pretty-printed API page and ignores its paging fields', () => {
    const text = [
      '{',
      '  "data": [',
      '    {"id": 1},',
      '    {',
      '      "id": 2',
      '    }',
      '  ],',
      '  "meta": {"page": 1, "next": {"cursor": "c"}, "list": [3]}',
      '}',
    ].join('\n');
    expect(read(text)).toEqual([
      [3, { id: 1 }],
      [4, { id: 2 }],
    ]);
  });

  it('reads pretty-printed objects one after another, a {"data":{…}} object whole', () => {
    const text = ['{', '  "data": {"id": "gen-1"}', '}', '{', '  "id": 2', '}'].join('\n');
    expect(read(text)).toEqual([
      [1, { data: { id: 'gen-1' } }],
      [4, { id: 2 }],
    ]);
  });

  it('reports an element that does not parse, and a document cut short, at the line they start', () => {
    const text = ['[', '  {"a": 1 "b": 2},', '  {"a": 3},', '  {"a":'].join('\n');
    expect(read(text)).toEqual([
      [2, 'expected a JSON object, got invalid JSON "{\\"a\\": 1 \\"b\\": 2}"'],
      [3, { a: 3 }],
      [4, 'JSON value never closed before the end of the file (truncated?)'],
    ]);
  });
});
