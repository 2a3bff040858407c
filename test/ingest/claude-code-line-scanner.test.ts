import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClaudeCodeFields, scanClaudeCodeLine } from '../../src/ingest/claude-code-line-scanner.ts';

const FIXTURES = 'fixtures/claude-code/projects';

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const fixtureLines = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.jsonl'))
  .flatMap((path) => readFileSync(join(FIXTURES, path), 'utf8').split('\n'))
  .filter((line) => line !== '');

/** Lines built to trip a scanner that looks for "usage" by text rather than by structure. */
const trickyLines = [
  // "usage" as a key inside the content, before message.usage
  '{"message":{"content":[{"type":"tool_use","input":{"usage":{"input_tokens":9}}}],"usage":{"input_tokens":1}},"type":"assistant"}',
  // a usage object in a top-level value after message (a Task result), message without usage
  '{"type":"user","message":{"role":"user","content":"x"},"toolUseResult":{"usage":{"input_tokens":7}}}',
  // usage at the top level, not in message
  '{"type":"assistant","usage":{"input_tokens":7},"message":{"id":"msg_1"}}',
  // escaped quotes and backslashes right before a closing quote
  '{"type":"assistant","cwd":"C:\\\\Users\\\\ada\\\\","message":{"content":"say \\"usage\\": {\\"a\\":1} \\\\","usage":{"output_tokens":2}}}',
  // unicode escapes in keys and values
  '{"\\u0074ype":"assistant","message":{"\\u0075sage":{"input_tokens":3},"model":"claude-\\u00e9"}}',
  // duplicate keys: the last wins, a later message replaces all of an earlier one
  '{"type":"user","type":"assistant","message":{"id":"a","usage":{"input_tokens":1}},"message":{"id":"b"}}',
  // message that is not an object, and an empty one
  '{"type":"assistant","message":"text"}',
  '{"type":"assistant","message":{}}',
  '{"type":"assistant","message":[{"usage":{"input_tokens":1}}]}',
  // whitespace everywhere
  ' { "type" : "assistant" , "message" : { "usage" : { "input_tokens" : 4 } , "id" : "m" } , "timestamp" : 1759660800 } ',
  // literals and numbers as kept values
  '{"isSidechain":true,"isApiErrorMessage":false,"requestId":null,"timestamp":1.5e9,"message":{"model":null,"usage":[]}}',
  '{}',
  // brackets inside strings
  '{"message":{"content":"}]}{[","id":"]"},"cwd":"{"}',
];

const validLines = [...fixtureLines, ...trickyLines].filter(isJson);

describe('scanClaudeCodeLine', () => {
  it('has fixtures to test', () => {
    expect(validLines.length).toBeGreaterThan(30);
  });

  it.each(validLines)('reads the same fields as JSON.parse: %s', (line) => {
    expect(scanClaudeCodeLine(line)).toEqual(readClaudeCodeFields(JSON.parse(line)));
  });

  it.each(fixtureLines.filter(isJson))('vouches for no proper prefix of a line (truncation): %s', (line) => {
    const prefixes = Array.from({ length: line.length }, (_, length) => line.slice(0, length));
    expect(prefixes.filter((prefix) => scanClaudeCodeLine(prefix) !== null)).toEqual([]);
  });

  it.each([
    ['an array', '[{"message":{}}]'],
    ['text after the object', '{"type":"user"} {"type":"user"}'],
    ['mismatched brackets', '{"message":{"content":[{"a":1]}]}}'],
    ['mismatched brackets that still balance', '{"message":{"content":[{"a":1]},"id":"x"}}'],
    ['a missing colon', '{"type" "user"}'],
    ['a missing comma', '{"type":"user" "cwd":"/"}'],
    ['a trailing comma', '{"type":"user",}'],
    ['a bad kept value', '{"type":tru,"message":{}}'],
    ['a bad kept escape', '{"cwd":"\\q"}'],
    ['an empty value', '{"type":,"cwd":"/"}'],
  ])('leaves %s to JSON.parse', (_case, line) => {
    expect(scanClaudeCodeLine(line)).toBeNull();
  });
});
