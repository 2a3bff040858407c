import { describe, expect, it } from 'vitest';
import { modelIdCandidates } from '../../src/pricing/model-id-candidates.ts';

describe('modelIdCandidates', () => {
  it.each<[string, string[], string[]]>([
    ['gpt-4o', ['gpt-4o'], []],
    ['GPT-4o-2024-08-06', ['gpt-4o-2024-08-06', 'gpt-4o'], []],
    ['claude-sonnet-4-5-20250929', ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'], []],
    ['claude-sonnet-4-5@20250929', ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'], []],
    [
      'openrouter/anthropic/claude-sonnet-4.5',
      ['openrouter/anthropic/claude-sonnet-4.5', 'anthropic/claude-sonnet-4.5', 'claude-sonnet-4.5'],
      ['openrouter', 'anthropic'],
    ],
    [
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      [
        'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        'claude-sonnet-4-5-20250929-v1:0',
        'claude-sonnet-4-5-20250929',
        'claude-sonnet-4-5',
      ],
      ['anthropic'],
    ],
    [
      'anthropic.claude-3-haiku-20240307-v1:0',
      [
        'anthropic.claude-3-haiku-20240307-v1:0',
        'claude-3-haiku-20240307-v1:0',
        'claude-3-haiku-20240307',
        'claude-3-haiku',
      ],
      ['anthropic'],
    ],
    ['gpt-4.1', ['gpt-4.1'], []],
  ])('%s', (modelId, ids, vendorHints) => {
    expect(modelIdCandidates(modelId)).toEqual({ ids, vendorHints });
  });
});
