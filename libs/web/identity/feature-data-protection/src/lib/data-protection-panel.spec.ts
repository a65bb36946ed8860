import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from '@cadenza/web/shared/data-access-api';
import { confirmsName, DataProtectionPanel, type DataProtectionSubject } from './data-protection-panel';

const mila: DataProtectionSubject = { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', name: 'Mila Horvat', archived: true };

function render(person: DataProtectionSubject, meId = 'admin-id') {
  TestBed.configureTestingModule({
    imports: [DataProtectionPanel],
    providers: [provideHttpClient(), provideHttpClientTesting(), { provide: AuthStore, useValue: { user: () => ({ id: meId, roles: ['admin'] }) } }],
  });
  const fixture = TestBed.createComponent(DataProtectionPanel);
  fixture.componentRef.setInput('person', person);
  fixture.detectChanges();
  const erased: unknown[] = [];
  fixture.componentInstance.erased.subscribe((o) => erased.push(o));
  return { fixture, el: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController), erased };
}

const button = (el: HTMLElement, text: string) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;

function type(fixture: ReturnType<typeof render>['fixture'], value: string) {
  const input = (fixture.nativeElement as HTMLElement).querySelector('input[name=confirmName]') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  fixture.detectChanges();
}

describe('DataProtectionPanel', () => {
  it('confirms a name as the server does: ignoring case and outer spaces, never an empty one', () => {
    expect(confirmsName('  mila HORVAT ', 'Mila Horvat')).toBe(true);
    expect(confirmsName('Mila', 'Mila Horvat')).toBe(false);
    expect(confirmsName(' ', ' ')).toBe(false);
  });

  it('erases an archived person once their name is typed, and says what they are shown as', () => {
    const { fixture, el, http, erased } = render(mila);
    button(el, 'Erase…')!.click();
    fixture.detectChanges();
    const erase = () => button(el, 'Erase permanently')!;
    expect(erase().disabled).toBe(true);
    type(fixture, 'Mila');
    expect(erase().disabled).toBe(true);
    type(fixture, 'mila horvat');
    expect(erase().disabled).toBe(false);
    erase().click();
    const request = http.expectOne(`/api/v1/users/${mila.id}/erasure`);
    expect(request.request.body).toEqual({ confirmName: 'mila horvat' });
    request.flush({ personId: mila.id, pseudonym: 'Former student 4', erasedAt: '2026-12-08T10:00:00.000Z' });
    fixture.detectChanges();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Erased: shown as Former student 4');
    expect(erased).toEqual([{ personId: mila.id, pseudonym: 'Former student 4', erasedAt: '2026-12-08T10:00:00.000Z' }]);
  });

  it('shows the server’s refusal of the name under its field', () => {
    const { fixture, el, http } = render(mila);
    button(el, 'Erase…')!.click();
    fixture.detectChanges();
    type(fixture, 'Mila Horvat');
    button(el, 'Erase permanently')!.click();
    http.expectOne(`/api/v1/users/${mila.id}/erasure`).flush(
      { type: 'about:blank', title: 'Invalid', status: 400, code: 'IDENTITY.ERASURE_NOT_CONFIRMED', errors: [{ field: 'confirmName', message: 'Type the person’s name exactly as shown to confirm.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Type the person’s name exactly as shown to confirm.');
  });

  it('offers no erasure before the person is archived, nor of oneself, and always the export', () => {
    let { el } = render({ ...mila, archived: false });
    expect(button(el, 'Erase…')).toBeUndefined();
    expect(el.textContent).toContain('Only an archived person can be erased');
    expect(button(el, 'Export personal data')).toBeDefined();
    TestBed.resetTestingModule();
    ({ el } = render(mila, mila.id));
    expect(button(el, 'Erase…')).toBeUndefined();
    expect(el.textContent).toContain('You cannot erase yourself.');
  });

  it('downloads the export as the file the server names', async () => {
    const { fixture, el, http } = render(mila);
    const clicked: string[] = [];
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    URL.createObjectURL = jest.fn(() => 'blob:export');
    URL.revokeObjectURL = jest.fn();
    button(el, 'Export personal data')!.click();
    http.expectOne({ method: 'POST', url: `/api/v1/users/${mila.id}/personal-data-export` }).flush(new Blob(['zip']), { headers: { 'content-disposition': 'attachment; filename="personal-data-x-2026-12-08.zip"' } });
    fixture.detectChanges();
    expect(clicked).toEqual(['personal-data-x-2026-12-08.zip']);
    expect(el.querySelector('[role=status]')?.textContent).toContain('Export downloaded.');
    spy.mockRestore();
  });
});
