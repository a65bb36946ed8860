import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider, Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideAppProfile } from '@cadenza/web/shared/data-access-api';
import { aConsoleProfile } from '@cadenza/web/shared/data-access-api/testing';

/** What a card page's spec needs: a router, a testing HTTP backend and the console's profile. */
export function cardPageProviders(): (Provider | EnvironmentProviders)[] {
  return [
    provideRouter([]),
    provideHttpClient(),
    provideHttpClientTesting(),
    provideAppProfile(aConsoleProfile({ audienceDescription: 'for school staff' })),
  ];
}

/** Creates `page` with the card page providers and the inputs given (query parameters, in the app). */
export async function createCardPage<T>(page: Type<T>, inputs: Record<string, unknown> = {}): Promise<ComponentFixture<T>> {
  TestBed.configureTestingModule({ imports: [page], providers: cardPageProviders() });
  const fixture = TestBed.createComponent(page);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  await fixture.whenStable();
  return fixture;
}

/** Reads and fills a card page's form the way a person does: by the fields' labels. */
export function cardForm(fixture: ComponentFixture<unknown>) {
  const element = fixture.nativeElement as HTMLElement;
  /** The input whose label starts with `label`. */
  const input = (label: string): HTMLInputElement => {
    const match = [...element.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label));
    const id = match?.getAttribute('for');
    const control = id ? element.querySelector<HTMLInputElement>(`#${id}`) : null;
    if (!control) throw new Error(`no input labelled ${label}`);
    return control;
  };
  /** Types each value into the field labelled so, then submits. */
  const fill = async (values: readonly (readonly [label: string, value: string])[]): Promise<void> => {
    for (const [label, value] of values) {
      const field = input(label);
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    element.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
  };
  /** The errors shown under the fields, in order. */
  const errorsText = (): string => [...element.querySelectorAll('mat-error')].map((e) => e.textContent?.trim()).join(' | ');
  return { element, input, fill, errorsText };
}
