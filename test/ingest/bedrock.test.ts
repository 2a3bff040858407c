import { describe, expect, it } from 'vitest';
import { bedrockAdapter } from '../../src/ingest/bedrock.ts';
import { EMPTY_USAGE, type UsageRecord } from '../../src/model/usage-record.ts';
import { firstLinesOf, parseFixture } from '../helpers/parse-fixture.ts';

const at = (iso: string): number => Date.parse(iso);
const ROLE = 'arn:aws:sts::123456789012:assumed-role/BedrockUserRole';

function bedrockRecord(
  fields: Partial<UsageRecord> & Pick<UsageRecord, 'dedupKey' | 'occurredAtMs' | 'model' | 'sourceLine'>,
): UsageRecord {
  return { ...EMPTY_USAGE, provider: 'aws-bedrock', workspace: '123456789012', ...fields };
}

describe('bedrock: invocations.jsonl', () => {
  const { records, problems } = parseFixture(bedrockAdapter, 'bedrock/invocations.jsonl');

  it('reads every invocation with disjoint token classes, the metadata as tags and attribution', () => {
    expect(problems).toEqual([]);
    expect(records.slice(0, 4)).toEqual([
      bedrockRecord({
        dedupKey: 'aws-bedrock:6f1c2d3e-0a1b-4c5d-8e9f-0a1b2c3d4e5f',
        occurredAtMs: at('2026-11-02T09:15:30Z'),
        model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        inputTokens: 1200,
        cacheReadTokens: 8000,
        cacheWriteTokens: 500,
        outputTokens: 300,
        user: `${ROLE}/alice@example.com`,
        project: 'search',
        team: 'core',
        tags: { project: 'search', team: 'core' },
        sourceLine: 1,
      }),
      bedrockRecord({
        dedupKey: 'aws-bedrock:7a2b3c4d-1b2c-4d5e-9f0a-1b2c3d4e5f60',
        occurredAtMs: at('2026-11-02T09:40:02Z'),
        model: 'anthropic.claude-3-haiku-20240307-v1:0',
        inputTokens: 900,
        outputTokens: 120,
        user: `${ROLE}/bob@example.com`,
        sourceLine: 2,
      }),
      // An inference-profile ARN is read as the profile id; the ARN stays in a tag.
      bedrockRecord({
        dedupKey: 'aws-bedrock:8b3c4d5e-2c3d-4e5f-a0b1-2c3d4e5f6071',
        occurredAtMs: at('2026-11-02T11:05:47Z'),
        model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        inputTokens: 2000,
        outputTokens: 500,
        user: `${ROLE}/alice@example.com`,
        project: 'search',
        tags: {
          project: 'search',
          modelArn:
            'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        },
        sourceLine: 3,
      }),
      bedrockRecord({
        dedupKey: 'aws-bedrock:9c4d5e6f-3d4e-4f60-b1c2-3d4e5f607182',
        occurredAtMs: at('2026-11-02T11:06:10Z'),
        model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        status: 'error',
        user: `${ROLE}/alice@example.com`,
        sourceLine: 4,
      }),
    ]);
  });

  it('gives a repeated requestId the same key, and keeps an application profile ARN as written', () => {
    expect(records.map((record) => record.dedupKey)).toHaveLength(7);
    expect(records[5]?.dedupKey).toBe(records[0]?.dedupKey);
    expect(records[6]?.model).toBe(
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    );
  });
});

describe('bedrock: pretty.json and broken.jsonl', () => {
  it('reads a pretty-printed record (the AWS docs example shape) as the same usage as its JSONL twin', () => {
    const pretty = parseFixture(bedrockAdapter, 'bedrock/pretty.json');
    const lines = parseFixture(bedrockAdapter, 'bedrock/invocations.jsonl');
    expect(pretty.problems).toEqual([]);
    expect(pretty.records).toEqual([{ ...lines.records[1], sourceLine: 1 }]);
  });

  it('reports each bad line with its field and keeps the good one', () => {
    const { records, problems } = parseFixture(bedrockAdapter, 'bedrock/broken.jsonl');
    expect(records.map((record) => record.sourceLine)).toEqual([1]);
    expect(problems.map((problem) => [problem.line, problem.field, problem.message])).toEqual([
      [2, 'output.outputTokenCount', 'expected a non-negative integer, got -3'],
      [3, 'requestId', 'expected a non-empty string, got nothing'],
      [
        4,
        null,
        expect.stringMatching(/^expected a JSON object, got invalid JSON "\{\\"schemaType/) as string,
      ],
    ]);
  });

  it('sniffs invocation logs, JSONL or pretty-printed', () => {
    expect(bedrockAdapter.sniff(firstLinesOf('bedrock/invocations.jsonl'))).toBe(true);
    expect(bedrockAdapter.sniff(firstLinesOf('bedrock/pretty.json', 40))).toBe(true);
  });
});
