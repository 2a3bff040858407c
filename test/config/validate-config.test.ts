import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';

describe('validateConfig: csvMappings', () => {
  it('keeps named column mappings', () => {
    const result = validateConfig({
      csvMappings: { finance: { timestamp: 'Day', model: 'Model', provider: 'openai' } },
    });
    expect(result).toEqual({
      ok: true,
      config: { csvMappings: { finance: { timestamp: 'Day', model: 'Model', provider: 'openai' } } },
      warnings: [],
    });
  });

  it('names each misnamed field and bad value with its path', () => {
    expect(
      validateConfig({ csvMappings: { finance: { timestmp: 'Day', model: '' }, other: 'Day' } }),
    ).toEqual({
      ok: false,
      problems: [
        '"csvMappings.finance.timestmp": unknown field; did you mean "timestamp"?',
        '"csvMappings.finance.model": expected a column name, got ""',
        '"csvMappings.other": expected an object of <field>: <column>, got "Day"',
      ],
    });
  });

  it('suggests the key for a misspelt csvMappings', () => {
    const result = validateConfig({ csvMapping: {} });
    expect(result).toEqual({
      ok: true,
      config: {},
      warnings: ['unknown key "csvMapping" is ignored (did you mean "csvMappings"?)'],
    });
  });
});
