import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitForUpdate, type Provider } from '@pydantic/genai-prices';

export interface GenaiPrices {
  readonly version: string;
  readonly license: string;
  readonly providers: readonly Provider[];
}

/**
 * The price data bundled in the installed `@pydantic/genai-prices`. The package ships no JSON file; its
 * public `waitForUpdate()` resolves to the active provider list, which is the bundled data as long as
 * nobody called `updatePrices()` (we never do: no network). The version comes from its package.json.
 */
export async function readGenaiPrices(): Promise<GenaiPrices> {
  const providers = await waitForUpdate();
  if (providers === null || providers.length === 0)
    throw new Error('@pydantic/genai-prices returned no provider data');
  const packageJsonPath = fileURLToPath(
    new URL('../package.json', import.meta.resolve('@pydantic/genai-prices')),
  );
  const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    version?: unknown;
    license?: unknown;
  };
  if (typeof packageJson.version !== 'string') throw new Error(`${packageJsonPath}: no "version"`);
  return { version: packageJson.version, license: String(packageJson.license), providers };
}
