import type { ProviderEntry } from '../price-book.ts';
import { compileMatchRules, matchesRules } from '../compile-match-rules.ts';

/**
 * LiteLLM provider names whose price-book provider the book's own rules cannot tell: routes to a
 * vendor's models on another cloud are billed by that cloud (Vertex AI → google, Bedrock → aws).
 */
const KNOWN_LITELLM_PROVIDERS: Readonly<Record<string, string>> = {
  azure_ai: 'azure',
  bedrock: 'aws',
  bedrock_converse: 'aws',
  bedrock_mantle: 'aws',
  amazon_nova: 'aws',
  codestral: 'mistral',
  fireworks_ai: 'fireworks',
  gemini: 'google',
  palm: 'google',
  xai: 'x-ai',
};

/**
 * Returns our provider id for a `litellm_provider` value: the table above, then a book provider with that
 * id, then (for `vertex_ai-anthropic_models` and the like, checked before the book's vendor rules so
 * they stay with the cloud) `vertex_ai*` → google, then the first book provider whose `providerMatch`
 * rules match it, else the LiteLLM name itself (a provider new to the book).
 */
export function litellmProviderMapper(
  providers: Readonly<Record<string, ProviderEntry>>,
): (litellmProvider: string) => string {
  const compiled = Object.entries(providers).map(([id, entry]) => ({
    id,
    rules: compileMatchRules(entry.providerMatch),
  }));
  return (litellmProvider) => {
    const name = litellmProvider.toLowerCase();
    const known = KNOWN_LITELLM_PROVIDERS[name];
    if (known !== undefined) return known;
    if (name in providers) return name;
    if (name.startsWith('vertex_ai')) return 'google';
    return compiled.find((provider) => matchesRules(provider.rules, name))?.id ?? name;
  };
}
