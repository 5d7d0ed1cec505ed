/**
 * A small seeded pseudo-random generator for sample draws: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counting generator) seeded through the cyrb128 string hash. Only 32-bit integer operations (`Math.imul`,
 * shifts), so a seed gives the same sequence on every Node version and platform — unlike `Math.random`,
 * which cannot be seeded, or `crypto`, which cannot be replayed. Not for secrets.
 */
export type RandomSource = () => number;

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A stream of unsigned 32-bit integers determined by `seed`. */
export function uint32Stream(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs still show the seed's structure; mix it away.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/**
 * Uniform numbers in [0, 1) with 53 random bits, determined by `seed`.
 * @example seededRandom('20260115:01')() // the same number on every machine
 */
export function seededRandom(seed: string): RandomSource {
  const next = uint32Stream(seed);
  return () => ((next() >>> 5) * 67_108_864 + (next() >>> 6)) / 9_007_199_254_740_992;
}
