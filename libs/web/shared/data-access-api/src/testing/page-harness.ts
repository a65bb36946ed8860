import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Me } from '@cadenza/shared/contracts';
import { API } from '../lib/api-paths';
import { AuthStore } from '../lib/auth-store';
import { aSession } from '../lib/testing';

/** An element's text with its white space folded, as a reader hears it. */
export function textOf(el: Element | null | undefined): string | undefined {
  return el?.textContent?.replace(/\s+/g, ' ').trim();
}

/** A component opened for a spec, with its HTTP under test and the helpers its specs read it by. */
export interface PageHarness<T> {
  fixture: ComponentFixture<T>;
  element: HTMLElement;
  http: HttpTestingController;
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
  TestBed.configureTestingModule({ imports: [component], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  const http = TestBed.inject(HttpTestingController);
  if (me) {
    TestBed.inject(AuthStore).login(me.email, 'pw').subscribe();
    http.expectOne(API.login).flush(aSession('token', me));
  }
  const fixture = TestBed.createComponent(component);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  const element = fixture.nativeElement as HTMLElement;
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
    settle,
    button: (name) => [...element.querySelectorAll('button')].find((b) => textOf(b) === name) as HTMLButtonElement,
    field: (name) => element.querySelector(`input[name="${name}"]`) as HTMLInputElement,
  };
}
