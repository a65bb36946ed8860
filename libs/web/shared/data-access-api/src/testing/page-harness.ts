import type { HttpTestingController } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import type { ComponentFixture } from '@angular/core/testing';
import type { Me } from '@cadenza/shared/contracts';
import type { FakeRealtime } from '../lib/fake-realtime';
import { aSession } from '../lib/testing';
import { componentWithBackend } from '../lib/with-backend';

/** An element's text with its white space folded, as a reader hears it. */
export function textOf(el: Element | null | undefined): string | undefined {
  return el?.textContent?.replace(/\s+/g, ' ').trim();
}

/** A component opened for a spec, with its HTTP under test and the helpers its specs read it by. */
export interface PageHarness<T> {
  fixture: ComponentFixture<T>;
  element: HTMLElement;
  http: HttpTestingController;
  /** The socket, faked: `emit` a server event, `reconnectedEvents.next()` a reconnection. */
  realtime: FakeRealtime;
  /** Runs change detection until the page is stable. */
  settle(): Promise<void>;
  /** The button whose text is `name`. */
  button(name: string): HTMLButtonElement;
  /** The input named `name`. */
  field(name: string): HTMLInputElement;
}

/**
 * Opens a standalone component with the router and HTTP under test, signed in as `me` when given, with its inputs set,
 * and settles it: the specs then answer the requests it made.
 */
export async function openPage<T>(component: Type<T>, inputs: Record<string, unknown>, me?: Me): Promise<PageHarness<T>> {
  const { fixture, element, http, realtime } = componentWithBackend(component, { session: me && aSession('token', me) });
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  await settle();
  return {
    fixture,
    element,
    http,
    realtime,
    settle,
    button: (name) => [...element.querySelectorAll('button')].find((b) => textOf(b) === name) as HTMLButtonElement,
    field: (name) => element.querySelector(`input[name="${name}"]`) as HTMLInputElement,
  };
}
