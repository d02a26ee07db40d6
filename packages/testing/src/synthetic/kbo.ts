import { randomInt, type Rng } from './prng';

/** A valid, made-up enterprise number (10 digits): mostly 0..., sometimes the newer 1... range. */
export function syntheticKbo(rng: Rng): string {
  const first = rng() < 0.9 ? '0' : '1';
  const eight = `${first}${String(randomInt(rng, 0, 9_999_999)).padStart(7, '0')}`;
  return `${eight}${String(97 - (Number(eight) % 97)).padStart(2, '0')}`;
}
