import { TestBed } from '@angular/core/testing';
import type { Conflict, FreeSlot } from '@cadenza/shared/contracts';
import { previewCancellation } from '@cadenza/web/scheduling/util';
import { CancellationPolicyNotice } from './cancellation-policy-notice';
import { ConflictList } from './conflict-list';

const conflicts: Conflict[] = [
  { kind: 'teacher', severity: 'hard', id: 'l-2', start: '2030-01-15T16:00:00Z', end: '2030-01-15T16:30:00Z', message: 'Tess Teacher has another lesson.' },
  { kind: 'outside_availability', severity: 'soft', id: null, start: '2030-01-15T16:00:00Z', end: '2030-01-15T16:30:00Z', message: 'Outside her hours.' },
];
const suggestions: FreeSlot[] = [
  { start: '2030-01-15T17:00:00Z', end: '2030-01-15T17:30:00Z', roomId: 'r-1' },
  { start: '2030-01-16T16:00:00Z', end: '2030-01-16T16:30:00Z', roomId: null },
];

describe('ConflictList', () => {
  it('shows each conflict and offers the suggested slots', async () => {
    const fixture = TestBed.createComponent(ConflictList);
    fixture.componentRef.setInput('conflicts', conflicts);
    fixture.componentRef.setInput('suggestions', suggestions);
    fixture.componentRef.setInput('timeZone', 'Europe/London');
    fixture.componentRef.setInput('roomNames', new Map([['r-1', 'Studio A']]));
    const picked: FreeSlot[] = [];
    fixture.componentInstance.picked.subscribe((slot) => picked.push(slot));
    await fixture.whenStable();

    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('[role="alert"]')).not.toBeNull();
    const items = [...el.querySelectorAll('[data-testid="conflict"]')].map((li) => li.textContent ?? '');
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Teacher busy');
    expect(items[0]).toContain('Tess Teacher has another lesson.');
    expect(items[0]).toContain('cannot be overridden');
    expect(items[1]).toContain('needs an override');
    const buttons = [...el.querySelectorAll<HTMLButtonElement>('[data-testid="suggestions"] button')];
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Tue 15 Jan, 17:00–17:30 · Studio A', 'Wed 16 Jan, 16:00–16:30']);
    buttons[1].click();
    expect(picked).toEqual([suggestions[1]]);
  });

  it('says so when there is nothing free nearby', async () => {
    const fixture = TestBed.createComponent(ConflictList);
    fixture.componentRef.setInput('conflicts', conflicts.slice(0, 1));
    fixture.componentRef.setInput('timeZone', 'Europe/London');
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('No free slots were found nearby.');
  });
});

describe('CancellationPolicyNotice', () => {
  const policy = { cancellationNoticeHours: 24, makeupCreditDays: 60 };
  const now = new Date('2030-01-07T10:00:00Z');

  it('says the notice is met and that a credit follows an approval', async () => {
    const fixture = TestBed.createComponent(CancellationPolicyNotice);
    fixture.componentRef.setInput('preview', previewCancellation(policy, '2030-01-09T10:00:00Z', now));
    await fixture.whenStable();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain("24 hours' notice");
    // Two days away with a day's notice asked: the notice is met, and the credit waits for the approval.
    expect(text).toMatch(/The notice is met: the lesson is 2 days away\./);
    expect(text).toContain('If the cancellation is approved, a makeup credit is granted');
    expect(text).not.toContain('within the notice period');
  });

  it('says the notice is not met and that a late cancellation earns no credit', async () => {
    const fixture = TestBed.createComponent(CancellationPolicyNotice);
    fixture.componentRef.setInput('preview', previewCancellation(policy, '2030-01-07T20:00:00Z', now));
    await fixture.whenStable();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toMatch(/The notice is not met: the lesson starts in 10 hours\./);
    expect(text).toContain('If the cancellation is approved, it counts as late and no makeup credit is given.');
  });
});
