import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Family } from '@cadenza/shared/contracts';
import { PEOPLE_API } from '@cadenza/web/identity/data-access';
import { API, AuthStore } from '@cadenza/web/shared/data-access-api';
import { aMe, aSession } from '@cadenza/web/shared/data-access-api/testing';
import { MyFamilyPage } from './my-family-page';

const ahmeds: Family = {
  id: 'f-1',
  name: 'Ahmed family',
  payerId: 'p-2',
  guardians: [
    { userId: 'p-1', name: 'Jordan Ahmed', signsIn: true, archived: false },
    { userId: 'p-2', name: 'Sam Taylor', signsIn: true, archived: false },
  ],
  children: [
    { userId: 'c-1', name: 'Sophie Ahmed', minor: false, signsIn: true, archived: false, access: [{ guardianId: 'p-1', level: 'full' }] },
    { userId: 'c-2', name: 'Jack Taylor', minor: true, signsIn: true, archived: false, access: [{ guardianId: 'p-1', level: 'view' }, { guardianId: 'p-2', level: 'full' }] },
    { userId: 'c-3', name: 'Rosie Ahmed', minor: true, signsIn: false, archived: false, access: [{ guardianId: 'p-1', level: 'full' }, { guardianId: 'p-2', level: 'full' }] },
    { userId: 'c-4', name: 'Daniel Ahmed', minor: false, signsIn: true, archived: true, access: [] },
  ],
};

describe('MyFamilyPage', () => {
  let fixture: ComponentFixture<MyFamilyPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [MyFamilyPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).login('jordan@example.org', 'pw').subscribe();
    backend.expectOne(API.login).flush(aSession('t', aMe({ id: 'p-1', name: 'Jordan Ahmed', roles: ['parent'] })));
    fixture = TestBed.createComponent(MyFamilyPage);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });
  afterEach(() => backend.verify());

  /** A list item's title and line, as "title | line". */
  const text = (testId: string) =>
    [...(element.querySelector(`[data-testid="${testId}"]`)?.querySelectorAll('.name, .tags') ?? [])].map((e) => e.textContent?.trim()).join(' | ');

  it('lists the children with what this parent may do for each, whether they sign in or left, and the other guardians with the payer', () => {
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Loading your family');
    backend.expectOne(PEOPLE_API.families).flush([ahmeds]);
    fixture.detectChanges();
    expect(element.querySelector('h1')?.textContent).toBe('Your family');
    expect(element.querySelector('h2')?.textContent).toBe('Ahmed family');
    expect(text('child-c-1')).toBe('Sophie Ahmed | 18 or over · You can act for them');
    expect(text('child-c-2')).toBe('Jack Taylor | Under 18 · You can view');
    expect(text('child-c-3')).toBe('Rosie Ahmed | Under 18 · You can act for them · No sign-in of their own');
    expect(text('child-c-4')).toBe('Daniel Ahmed | 18 or over · No access for you · Left the school');
    expect(text('guardian-p-1')).toBe('Jordan Ahmed (you) | Acts for Sophie and Rosie · Views Jack');
    expect(text('guardian-p-2')).toBe('Sam Taylor | Pays the family’s invoices · Acts for Jack and Rosie');
    // The lists are named by their headings, for assistive technology.
    const lists = [...element.querySelectorAll('ul')].map((l) => element.querySelector(`#${l.getAttribute('aria-labelledby')}`)?.textContent);
    expect(lists).toEqual(['Children', 'Guardians']);
    expect(element.querySelector('[role="status"]')?.textContent).toBe('');
  });

  it('says so when the parent is in no family, and shows the server’s refusal', () => {
    backend.expectOne(PEOPLE_API.families).flush([]);
    fixture.detectChanges();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('You are not in a family at the school yet');

    const again = TestBed.createComponent(MyFamilyPage);
    again.detectChanges();
    backend.expectOne(PEOPLE_API.families).flush({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Not for you.' }, { status: 403, statusText: 'Forbidden', headers: { 'content-type': 'application/problem+json' } });
    again.detectChanges();
    expect((again.nativeElement as HTMLElement).textContent).toContain('Not for you.');
  });
});
