import { effect, untracked, type Signal } from '@angular/core';

/** Runs `load` with the page's id now and whenever the route gives another, outside the effect's tracking. */
export function onEachId(id: Signal<string>, load: (id: string) => void): void {
  effect(() => {
    const value = id();
    untracked(() => load(value));
  });
}
