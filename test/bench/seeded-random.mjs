// Deterministic random numbers for the bench generators: the same seed gives byte-identical data on
// every machine, so a figure measured today can be compared with one measured next month.
// sfc32 (Small Fast Counter) seeded through splitmix32: fast, 128-bit state, good enough statistics
// for synthetic usage data (this is not cryptography).

/** splitmix32 step: turns any 32-bit integer into a well-mixed one (also used to derive sub-seeds). */
export function mixSeed(value) {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Derives an independent seed for a sub-stream (e.g. one file of a corpus) from a base seed. */
export function deriveSeed(baseSeed, ...parts) {
  let seed = mixSeed(baseSeed);
  for (const part of parts) seed = mixSeed(seed ^ mixSeed(part));
  return seed;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

/** Creates a seeded generator with the few distributions the generators need. */
export function createRandom(seed) {
  let a = mixSeed(seed);
  let b = mixSeed(a);
  let c = mixSeed(b);
  let d = 1;
  const nextUint32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i += 1) nextUint32();

  /** Uniform in [0, 1). */
  const next = () => nextUint32() / 4294967296;
  /** Uniform integer in [min, max]. */
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  let spareNormal = null;
  /** Standard normal (Box–Muller, the spare value is kept). */
  const normal = () => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    let u = next();
    while (u === 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  /** Heavy-tailed positive integer: log-normal with the given median, clamped to [min, max]. */
  const logNormalInt = (median, sigma, min = 0, max = Number.MAX_SAFE_INTEGER) =>
    Math.min(max, Math.max(min, Math.round(median * Math.exp(sigma * normal()))));
  const chance = (probability) => next() < probability;
  const chars = (alphabet, length) => {
    let text = '';
    for (let i = 0; i < length; i += 1) text += alphabet[nextUint32() % alphabet.length];
    return text;
  };
  const base62 = (length) => chars(BASE62, length);
  const hex = (length) => chars(HEX, length);
  /** RFC 4122 version-4 shaped UUID from the seeded stream. */
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[nextUint32() % 4]}${hex(3)}-${hex(12)}`;

  return { next, nextUint32, int, pick, normal, logNormalInt, chance, base62, hex, uuid };
}

/**
 * Picks from `[value, weight]` pairs. Build the picker once: it precomputes the cumulative weights.
 */
export function createWeightedPicker(entries) {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let running = 0;
  const thresholds = entries.map(([, weight]) => (running += weight / total));
  return (random) => {
    const roll = random.next();
    for (let i = 0; i < thresholds.length; i += 1) if (roll < thresholds[i]) return entries[i][0];
    return entries[entries.length - 1][0];
  };
}
