import { By } from '@angular/platform-browser';
import type { Family, UserSummary } from '@cadenza/shared/contracts';
import { openPage, textOf as text, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { PEOPLE_API } from '@cadenza/web/identity/data-access';
import { FamilyPage, accessOf } from './family-page';
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
const refusal = (code: string, detail: string) => [{ type: 'about:blank', title: 'Conflict', status: 409, code, detail }, { status: 409, statusText: 'Conflict' }] as const;


describe('FamilyPage', () => {
  let page: PageHarness<FamilyPage>;
  let element: HTMLElement;
  const pickers = () => page.fixture.debugElement.queryAll(By.directive(PersonPicker)).map((d) => d.componentInstance as PersonPicker);
  const family2: Family = { ...family, guardians: [...family.guardians, { userId: 'p-2', name: 'Jordan Patel', signsIn: true }], children: [{ ...family.children[0]!, access: [{ guardianId: 'p-1', level: 'full' }, { guardianId: 'p-2', level: 'view' }] }] };
  /** The page's own select (a MatSelect) whose label is `label`, within `within`. */
  const select = (within: string, label: string) =>
    page.fixture.debugElement
      .queryAll(By.css(`${within} mat-form-field`))
      .find((f) => text(f.nativeElement.querySelector('mat-label')) === label)
      ?.query(By.css('mat-select')).componentInstance as { value: string; valueChange: { emit(v: string): void } };
  const choose = async (within: string, label: string, value: string) => {
    const s = select(within, label);
    s.value = value;
    s.valueChange.emit(value);
    await page.settle();
  };

  async function open(answer: Family = family) {
    page = await openPage(FamilyPage, { id: 'f-1' });
    element = page.element;
    page.http.expectOne(`${PEOPLE_API.families}/f-1`).flush(answer);
    page.http.expectOne(PEOPLE_API.users).flush([user('p-1', 'Priya Patel', ['parent']), user('p-2', 'Jordan Patel', ['parent', 'teacher']), user('x', 'Gone Person', ['parent'], '2026-01-01')]);
    page.http.expectOne(`${PEOPLE_API.students}?status=all`).flush([user('s-1', 'Amelia Patel', ['student']), user('s-2', 'Ravi Patel', ['student'])]);
    await page.settle();
  }
  afterEach(() => page.http.verify());

  it('shows the guardians and children, who pays, who has no sign-in of their own and each guardian’s access', async () => {
    await open(family2);
    expect(text(element.querySelector('ul[aria-label="Guardians"] li'))).toContain('Priya Patel pays');
    const child = element.querySelector('ul[aria-label="Children"] li');
    expect([...(child?.querySelectorAll('.tag') ?? [])].map((t) => text(t))).toEqual(['under 18', 'no sign-in of their own']);
    expect([select('ul[aria-label="Children"]', 'Priya Patel').value, select('ul[aria-label="Children"]', 'Jordan Patel').value]).toEqual(['full', 'view']);
    expect(select('', 'Pays the family’s invoices').value).toBe('p-1');
    expect(accessOf(family2, 's-1', 'nobody')).toBe('none');
  });

  it('adds a guardian with view access and a child, showing the family the server answers', async () => {
    await open();
    const [guardians, children] = pickers();
    guardians!.picked.emit({ id: 'p-2', name: 'Jordan Patel', email: 'p-2@example.test' });
    await choose('form[aria-label="Add a guardian"]', 'Access', 'view');
    page.button('Add guardian').click();
    const add = page.http.expectOne(`${PEOPLE_API.families}/f-1/guardians`);
    expect(add.request.body).toEqual({ userId: 'p-2', level: 'view' });
    add.flush(family2);
    await page.settle();
    expect(element.querySelectorAll('ul[aria-label="Guardians"] li')).toHaveLength(2);

    children!.picked.emit({ id: 's-2', name: 'Ravi Patel', email: 's-2@example.test' });
    await page.settle();
    page.button('Add child').click();
    const child = page.http.expectOne(`${PEOPLE_API.families}/f-1/children`);
    expect(child.request.body).toEqual({ childId: 's-2' });
    child.flush({ ...family, children: [...family.children, { userId: 's-2', name: 'Ravi Patel', minor: false, access: [], signsIn: true }] });
    await page.settle();
    expect([...element.querySelectorAll('ul[aria-label="Children"] a')].map((a) => text(a))).toEqual(['Amelia Patel', 'Ravi Patel']);
  });

  it('invites someone new as a guardian with their access per child, and names a refused email', async () => {
    await open();
    page.button('Invite a new guardian…').click();
    await page.settle();
    page.field('name').value = ' Sam Okafor ';
    page.field('email').value = 'priya@example.test';
    await choose('form[aria-label="Invite a new guardian"]', 'Amelia Patel', 'view');
    page.button('Send the invitation').click();
    const taken = page.http.expectOne(`${PEOPLE_API.families}/f-1/guardian-invitations`);
    expect(taken.request.body).toEqual({ name: 'Sam Okafor', email: 'priya@example.test', level: 'full', access: [{ childId: 's-1', level: 'view' }] });
    taken.flush({ type: 'about:blank', title: 'Conflict', status: 409, code: 'IDENTITY.EMAIL_TAKEN', errors: [{ field: 'email', message: 'Someone at the school has this email: add them as they are.' }] }, { status: 409, statusText: 'Conflict' });
    await page.settle();
    expect(text(element.querySelector('[role="alert"][data-field="email"]'))).toBe('Email: Someone at the school has this email: add them as they are.');
    expect(page.field('name').value).toBe(' Sam Okafor ');
    page.field('email').value = 'sam@example.test';
    page.button('Send the invitation').click();
    const invite = page.http.expectOne(`${PEOPLE_API.families}/f-1/guardian-invitations`);
    expect(invite.request.body).toEqual({ name: 'Sam Okafor', email: 'sam@example.test', level: 'full', access: [{ childId: 's-1', level: 'view' }] });
    invite.flush({ ...family, guardians: [...family.guardians, { userId: 'p-9', name: 'Sam Okafor', signsIn: false }], children: [{ ...family.children[0]!, access: [{ guardianId: 'p-1', level: 'full' }, { guardianId: 'p-9', level: 'view' }] }] });
    await page.settle();
    expect(text(element.querySelector('p[role="status"]'))).toBe('Sam Okafor is a guardian of this family now, and was sent an invitation to choose their password.');
    expect(text(element.querySelectorAll('ul[aria-label="Guardians"] li')[1])).toContain('Sam Okafor no sign-in yet');
    expect(element.querySelector('form[aria-label="Invite a new guardian"]')).toBeNull();
  });

  it('renames the family in place, and names a refused name under the form', async () => {
    await open();
    page.button('Rename').click();
    await page.settle();
    page.field('name').value = ' ';
    page.button('Save name').click();
    page.http.expectOne(`${PEOPLE_API.families}/f-1`).flush({ type: 'about:blank', title: 'Check', status: 400, code: 'VALIDATION.INVALID', errors: [{ field: 'name', message: 'Enter a family name.' }] }, { status: 400, statusText: 'Bad Request' });
    await page.settle();
    expect(text(element.querySelector('[role="alert"][data-field="name"]'))).toBe('Family name: Enter a family name.');
    page.field('name').value = 'The Patels';
    page.button('Save name').click();
    const rename = page.http.expectOne(`${PEOPLE_API.families}/f-1`);
    expect([rename.request.method, rename.request.body]).toEqual(['PATCH', { name: 'The Patels' }]);
    rename.flush({ ...family, name: 'The Patels' });
    await page.settle();
    expect(text(element.querySelector('h1'))).toBe('The Patels');
    expect(page.field('name')).toBeNull();
  });

  it('marks the guardian who pays, or nobody', async () => {
    await open(family2);
    await choose('', 'Pays the family’s invoices', 'p-2');
    const patch = page.http.expectOne(`${PEOPLE_API.families}/f-1`);
    expect(patch.request.body).toEqual({ payerId: 'p-2' });
    patch.flush({ ...family2, payerId: 'p-2' });
    await page.settle();
    expect(text(element.querySelectorAll('ul[aria-label="Guardians"] li')[1]!)).toContain('Jordan Patel pays');
    await choose('', 'Pays the family’s invoices', '');
    page.http.expectOne(`${PEOPLE_API.families}/f-1`).flush({ ...family2, payerId: null });
    await page.settle();
    expect(element.querySelector('ul[aria-label="Guardians"] .tag')).toBeNull();
  });

  it('changes a guardian’s access to a child, and puts it back when the server refuses (a minor’s last full access)', async () => {
    await open(family2);
    await choose('ul[aria-label="Children"]', 'Jordan Patel', 'full');
    const raise = page.http.expectOne(`${PEOPLE_API.families}/f-1/guardians/p-2`);
    expect([raise.request.method, raise.request.body]).toEqual(['PATCH', { access: [{ childId: 's-1', level: 'full' }] }]);
    raise.flush(family2);
    await page.settle();
    expect(select('ul[aria-label="Children"]', 'Jordan Patel').value).toBe('full');

    await choose('ul[aria-label="Children"]', 'Priya Patel', 'none');
    page.http.expectOne(`${PEOPLE_API.families}/f-1/guardians/p-1`).flush(...refusal('IDENTITY.LAST_FULL_GUARDIAN', 'Amelia Patel needs a guardian with full access.'));
    await page.settle();
    expect(text(element.querySelector('cz-problem-alert'))).toContain('Amelia Patel needs a guardian with full access.');
    expect(select('ul[aria-label="Children"]', 'Priya Patel').value).toBe('full');
  });

  it('moves a child to another family after choosing it, and reads this family again', async () => {
    await open();
    (element.querySelector('button[aria-label="Move Amelia Patel to another family"]') as HTMLButtonElement).click();
    page.http.expectOne(PEOPLE_API.families).flush([family, { id: 'f-2', name: 'Okafor family', guardians: [], children: [] }]);
    await page.settle();
    expect(page.button('Move Amelia Patel').disabled).toBe(true);
    await choose('form[aria-label="Move Amelia Patel"]', 'Move to', 'f-2');
    page.button('Move Amelia Patel').click();
    const move = page.http.expectOne(`${PEOPLE_API.families}/f-1/children/s-1/move`);
    expect(move.request.body).toEqual({ toFamilyId: 'f-2' });
    move.flush({ id: 'f-2', name: 'Okafor family', guardians: [], children: [family.children[0]!] });
    page.http.expectOne(`${PEOPLE_API.families}/f-1`).flush({ ...family, children: [] });
    await page.settle();
    expect(text(element.querySelector('[role="status"]'))).toBe('Amelia Patel moved to Okafor family.');
    expect(text(element.querySelector('ul[aria-label="Children"] li'))).toBe('No child yet.');
  });

  it('removes a guardian only once confirmed, and shows the refusal to remove a minor’s last guardian with full access', async () => {
    await open();
    (element.querySelector('button[aria-label="Remove Priya Patel as a guardian"]') as HTMLButtonElement).click();
    await page.settle();
    page.button('Keep').click();
    await page.settle();
    (element.querySelector('button[aria-label="Remove Priya Patel as a guardian"]') as HTMLButtonElement).click();
    await page.settle();
    page.button('Remove Priya Patel').click();
    page.http.expectOne(`${PEOPLE_API.families}/f-1/guardians/p-1`).flush(...refusal('IDENTITY.LAST_FULL_GUARDIAN', 'Amelia Patel needs a guardian with full access.'));
    await page.settle();
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
