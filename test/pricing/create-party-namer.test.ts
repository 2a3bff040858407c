import { describe, expect, it } from 'vitest';
import { createPartyNamer } from '../../src/pricing/create-party-namer.ts';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';

const partiesOf = createPartyNamer(readPriceBook());

describe('createPartyNamer (shipped price book)', () => {
  it.each([
    ['openai', 'gpt-4o-2024-08-06', 'OpenAI', 'OpenAI'],
    ['anthropic', 'claude-sonnet-4-5-20250929', 'Anthropic', 'Anthropic'],
    ['aws-bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'AWS Bedrock', 'Anthropic'],
    ['azure-openai', 'gpt-4o', 'Microsoft Azure', 'OpenAI'],
    ['openrouter', 'anthropic/claude-sonnet-4.5', 'OpenRouter', 'Anthropic'],
    ['google-gemini', 'gemini-2.5-pro', 'Google', 'Google'],
    ['litellm', 'deepseek-chat', 'litellm', 'Deepseek'],
    ['litellm', 'azure/gpt-4o', 'litellm', 'OpenAI'],
    ['aws-bedrock', 'meta.llama3-70b-instruct-v1:0', 'AWS Bedrock', 'AWS Bedrock'],
    ['acme', 'mystery-1', 'acme', 'acme'],
  ])('%s %s: provider %s, publisher %s', (provider, model, providerName, publisherName) => {
    expect(partiesOf(provider, model)).toEqual({ providerName, publisherName });
  });
});
