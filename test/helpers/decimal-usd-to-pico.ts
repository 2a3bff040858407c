/** Exact pico-dollars (10⁻¹² USD) of a decimal dollar string such as "0.0001672": no floats involved. */
export function decimalUsdToPico(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,12}))?$/.exec(text);
  if (match === null) throw new Error(`not a decimal dollar amount with at most 12 decimals: "${text}"`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const pico = BigInt(whole) * 1_000_000_000_000n + BigInt(fraction.padEnd(12, '0'));
  return sign === '-' ? -pico : pico;
}
