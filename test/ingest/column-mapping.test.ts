import { describe, expect, it } from 'vitest';
import { formatMapFlag, parseMapFlag, validateColumnMapping } from '../../src/ingest/column-mapping.ts';

describe('parseMapFlag', () => {
  it('reads field=column pairs; columns may hold spaces', () => {
    expect(parseMapFlag('timestamp=Date, model=Model name,inputTokens=In')).toEqual({
      ok: true,
      mapping: { timestamp: 'Date', model: 'Model name', inputTokens: 'In' },
    });
  });

  it.each([
    ['outputToken=Out', '"outputToken": unknown field; did you mean "outputTokens"?'],
    ['timestamp', '"timestamp": expected <field>=<column>, e.g. timestamp=Date'],
    [
      'colour=Red',
      expect.stringMatching(/^"colour": unknown field; fields are timestamp, model, provider, /) as string,
    ],
  ])('rejects %s', (text, problem) => {
    expect(parseMapFlag(text)).toEqual({ ok: false, problems: [problem] });
  });

  it('round-trips through formatMapFlag', () => {
    const mapping = { model: 'M', timestamp: 'T', provider: 'openai' };
    expect(formatMapFlag(mapping)).toBe('timestamp=T,model=M,provider=openai');
    expect(parseMapFlag(formatMapFlag(mapping))).toEqual({ ok: true, mapping });
  });
});

describe('validateColumnMapping', () => {
  it('names each bad field of a config profile by its path', () => {
    expect(
      validateColumnMapping({ timestamp: 'Day', modle: 'Model', cost: 3 }, 'csvMappings.finance'),
    ).toEqual({
      ok: false,
      problems: [
        '"csvMappings.finance.modle": unknown field; did you mean "model"?',
        '"csvMappings.finance.cost": expected a column name, got 3',
      ],
    });
  });
});
