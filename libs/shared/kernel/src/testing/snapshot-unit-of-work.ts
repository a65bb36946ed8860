import { AsyncLocalStorage } from 'node:async_hooks';
import { UnitOfWork } from '../lib/ports.js';

type Kept = Map<unknown, unknown> | Set<unknown> | unknown[];
const isKept = (value: unknown): value is Kept => value instanceof Map || value instanceof Set || Array.isArray(value);

/** A copy of every Map, Set and array a store holds in its own fields. */
function snapshot(store: object): [Kept, Kept][] {
  return Object.values(store)
    .filter(isKept)
    .map((kept) => [kept, kept instanceof Map ? new Map(kept) : kept instanceof Set ? new Set(kept) : [...kept]]);
}

/** Puts a field back as the copy has it, in place (the store keeps its own Map, Set or array). */
function restore([kept, copy]: [Kept, Kept]): void {
  if (kept instanceof Map && copy instanceof Map) {
    kept.clear();
    for (const [key, value] of copy) kept.set(key, value);
  } else if (kept instanceof Set && copy instanceof Set) {
    kept.clear();
    for (const value of copy) kept.add(value);
  } else if (Array.isArray(kept) && Array.isArray(copy)) {
    kept.splice(0, kept.length, ...copy);
  }
}

/**
 * Runs the work and, when it throws, puts the in-memory stores it was given back as they were
 * (every Map, Set and array in their own fields), so a spec can assert that a refused use case
 * wrote nothing. Outermost runs take turns, as serialisable transactions would, so one run's
 * rollback never undoes another's writes; a run inside a run joins it. `runs` counts the units.
 */
export class SnapshotUnitOfWork extends UnitOfWork {
  runs = 0;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(private readonly stores: readonly object[] = []) {
    super();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return work();
    const mine = this.turn.then(() => this.inside.run(true, () => this.isolated(work)));
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  private async isolated<T>(work: () => Promise<T>): Promise<T> {
    this.runs++;
    const saved = this.stores.flatMap(snapshot);
    try {
      return await work();
    } catch (error) {
      saved.forEach(restore);
      throw error;
    }
  }
}
