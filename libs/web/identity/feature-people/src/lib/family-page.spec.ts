import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import type { Family, UserSummary } from '@cadenza/shared/contracts';
import { PEOPLE_API } from '@cadenza/web/identity/data-access';
import { FamilyPage } from './family-page';
import { PersonPicker, peopleMatching } from './person-picker';

const user = (id: string, name: string, roles: UserSummary['roles'], leftSchoolOn: string | null = null): UserSummary => ({
  id,
  email: `${id}@example.test`,
  name,
  roles,
  safeguardingLead: false,
  dateOfBirth: null,
  minor: false,
  leftSchoolOn,
});
const family: Family = {
  id: 'f-1',
  name: 'Patel family',
  guardians: [{ userId: 'p-1', name: 'Priya Patel', signsIn: true }],
  children: [{ userId: 's-1', name: 'Amelia Patel', minor: true, access: [{ guardianId: 'p-1', level: 'full' }], signsIn: false }],
  payerId: 'p-1',
};

describe('FamilyPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<FamilyPage>;
  let element: HTMLElement;

  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (name: string) => [...element.querySelectorAll('button')].find((b) => text(b) === name) as HTMLButtonElement;
  const pickers = () => fixture.debugElement.queryAll(By.directive(PersonPicker)).map((d) => d.componentInstance as PersonPicker);

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [FamilyPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FamilyPage);
    fixture.componentRef.setInput('id', 'f-1');
    element = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne(`${PEOPLE_API.families}/f-1`).flush(family);
    http.expectOne(PEOPLE_API.users).flush([user('p-1', 'Priya Patel', ['parent']), user('p-2', 'Jordan Patel', ['parent', 'teacher']), user('x', 'Gone Person', ['parent'], '2026-01-01')]);
    http.expectOne(`${PEOPLE_API.students}?status=all`).flush([user('s-1', 'Amelia Patel', ['student']), user('s-2', 'Ravi Patel', ['student'])]);
    await settle();
  });
  afterEach(() => http.verify());

  it('shows the guardians and children, who pays and who has no sign-in of their own', () => {
    expect(text(element.querySelector('ul[aria-label="Guardians"] li'))).toContain('Priya Patel pays');
    const child = element.querySelector('ul[aria-label="Children"] li');
    expect([...(child?.querySelectorAll('.tag') ?? [])].map((t) => text(t))).toEqual(['under 18', 'no sign-in of their own']);
    expect(text(child?.querySelector('.detail') ?? null)).toBe('Priya Patel: full access');
  });

  it('adds a guardian with view access and a child, showing the family the server answers', async () => {
    const [guardians, children] = pickers();
    guardians.picked.emit({ id: 'p-2', name: 'Jordan Patel', email: 'p-2@example.test' });
    (fixture.componentInstance as unknown as { level: { set(v: string): void } }).level.set('view');
    await settle();
    button('Add guardian').click();
    const add = http.expectOne(`${PEOPLE_API.families}/f-1/guardians`);
    expect(add.request.body).toEqual({ userId: 'p-2', level: 'view' });
    add.flush({ ...family, guardians: [...family.guardians, { userId: 'p-2', name: 'Jordan Patel', signsIn: true }] });
    await settle();
    expect(element.querySelectorAll('ul[aria-label="Guardians"] li')).toHaveLength(2);

    children.picked.emit({ id: 's-2', name: 'Ravi Patel', email: 's-2@example.test' });
    await settle();
    button('Add child').click();
    const child = http.expectOne(`${PEOPLE_API.families}/f-1/children`);
    expect(child.request.body).toEqual({ childId: 's-2' });
    child.flush({ ...family, children: [...family.children, { userId: 's-2', name: 'Ravi Patel', minor: false, access: [], signsIn: true }] });
    await settle();
    expect([...element.querySelectorAll('ul[aria-label="Children"] a')].map((a) => text(a))).toEqual(['Amelia Patel', 'Ravi Patel']);
  });

  it('shows the refusal to remove a minor’s last guardian with full access, and keeps them', async () => {
    (element.querySelector('button[aria-label="Remove Priya Patel as a guardian"]') as HTMLButtonElement).click();
    http.expectOne(`${PEOPLE_API.families}/f-1/guardians/p-1`).flush(
      { type: 'about:blank', title: 'Conflict', status: 409, code: 'IDENTITY.LAST_FULL_GUARDIAN', detail: 'Amelia Patel needs a guardian with full access.' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text(element.querySelector('[role="alert"]'))).toContain('Amelia Patel needs a guardian with full access.');
    expect(element.querySelectorAll('ul[aria-label="Guardians"] li')).toHaveLength(1);
  });
});

describe('peopleMatching', () => {
  const people = [
    { id: '1', name: 'Priya Patel', email: 'priya@example.test' },
    { id: '2', name: 'Jordan Nowak', email: 'jordan@example.test' },
  ];
  it('finds by name or email in any case, leaving out those given', () => {
    expect(peopleMatching(people, 'PAT', []).map((p) => p.id)).toEqual(['1']);
    expect(peopleMatching(people, 'jordan@', []).map((p) => p.id)).toEqual(['2']);
    expect(peopleMatching(people, '', ['1']).map((p) => p.id)).toEqual(['2']);
    expect(peopleMatching(people, '', [], 1)).toHaveLength(1);
  });
});
