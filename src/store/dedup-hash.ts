/**
 * The row id of a dedup key: a 53-bit hash (cyrb53), so the usage table is keyed by it and needs no
 * separate unique index (one B-tree written per insert instead of two). The full key is stored too and
 * compared on every clash, so a hash collision never merges different usage (see file-ingest.ts).
 *
 * FROZEN: stored ids depend on this exact function. Changing it would make re-ingested usage look new.
 * The test vectors in test/store/dedup-hash.test.ts pin it.
 */
export function dedupHash(key: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < key.length; index += 1) {
    const code = key.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
