import { mulberry32, type Rng } from '@ketenhuis/testing';
import { bodyMutations } from './mutate-body';
import { headerMutations } from './mutate-headers';
import { pathMutations } from './mutate-path';
import { queryMutations } from './mutate-query';
import { raceMutations } from './mutate-race';
import { randomMutations } from './random-mutations';
import type { FuzzContext, Mutation } from './request-plan';

function shuffle<T>(items: T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Everything the schemas of one operation suggest breaking, before the budget picks from it. */
export function catalogueOf(ctx: FuzzContext): Mutation[] {
  return [...pathMutations(ctx), ...queryMutations(ctx), ...headerMutations(ctx), ...bodyMutations(ctx), ...raceMutations(ctx)];
}

export interface Schedule {
  /** The valid request of each operation: sent first, while every object is untouched. */
  baselines: Mutation[];
  /** The fuzz requests, in the order they go out. */
  mutations: Mutation[];
  catalogueSize: number;
}

/**
 * Spends a request budget over the operations fairly: a valid request each, and the races; then
 * the catalogue round-robin over the operations, each operation's own list shuffled by the seed
 * with the kinds the issue names first; at least a fifth of the budget for fast-check's random
 * values; and the megabyte-sized requests only for a sample (`heavyQuota`).
 */
export function schedule(contexts: FuzzContext[], budget: number, seed: number, heavyQuota: number): Schedule {
  const rng = mulberry32(seed);
  const baselines = contexts.map((ctx) => ({ plan: ctx.base, area: 'baseline', description: 'the valid request' }));
  const catalogues = contexts.map(catalogueOf);
  const size = (ms: Mutation[]) => ms.reduce((n, m) => n + (m.burst ?? 1), 0);
  const catalogueSize = catalogues.reduce((n, c) => n + size(c), 0);

  const always = catalogues.flat().filter((m) => m.always);
  const heavy = shuffle(catalogues.flat().filter((m) => m.heavy && !m.always), rng).slice(0, heavyQuota);
  const rest = catalogues.map((c) => c.filter((m) => !m.heavy && !m.always));
  const lists = rest.map((c) => [...shuffle(c.filter((m) => m.first), rng), ...shuffle(c.filter((m) => !m.first), rng)]);
  const left = Math.max(0, budget - baselines.length - size(always) - heavy.length);
  const randomShare = Math.max(Math.floor(left / 5), left - size(lists.flat()));
  // Every operation gets at least one request from its catalogue, however small the budget.
  let catalogueShare = Math.max(left - randomShare, lists.filter((l) => l.length).length);

  const picked: Mutation[] = [];
  for (let round = 0; catalogueShare > 0; round += 1) {
    const before = catalogueShare;
    for (const list of lists) {
      if (catalogueShare > 0 && round < list.length) {
        picked.push(list[round]);
        catalogueShare -= list[round].burst ?? 1;
      }
    }
    if (before === catalogueShare) break;
  }
  const random = contexts.flatMap((ctx, i) => {
    const share = Math.floor(randomShare / contexts.length) + (i < randomShare % contexts.length ? 1 : 0);
    return randomMutations(ctx, share, (seed + (i + 1) * 7919) | 0);
  });
  // A race's copies go out one after the other, so that they are in flight together.
  const mutations = shuffle([...always, ...picked, ...heavy, ...random], rng).flatMap((m) => Array<Mutation>(m.burst ?? 1).fill(m));
  return { baselines, mutations, catalogueSize };
}
