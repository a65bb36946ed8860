import { afterNextRender, DestroyRef, Directive, ElementRef, inject, input } from '@angular/core';

/**
 * Repairs the ARIA structure angular-calendar renders for its week and day views, which has no
 * input for it: the view is a `role="grid"` whose children are not rows (the lessons are
 * `role="application"` boxes placed on a time axis), and its day headers are focusable
 * `row`/`columnheader`s that do nothing here.
 *
 * On the host (`<mwl-calendar-week-view czCalendarA11y="Week of lessons">`), after every render:
 * - the view becomes a labelled `group`;
 * - the header row and its cells lose their grid roles and their tab stops (they are not actionable);
 * - each event becomes a `button` (it already opens on Enter and on click, and keeps its tab stop
 *   and the library's spoken description as its label), and Space activates it too, as buttons do.
 */
@Directive({
  selector: '[czCalendarA11y]',
  host: { '(keydown)': 'onKeydown($event)' },
})
export class CalendarA11y {
  /** The accessible name of the calendar. */
  readonly label = input('Timetable', { alias: 'czCalendarA11y', transform: (v: string | undefined) => v || 'Timetable' });

  constructor() {
    const host: HTMLElement = inject(ElementRef).nativeElement;
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      repairCalendarRoles(host, this.label());
      // The library re-renders headers and events as the week or the events change.
      const observer = new MutationObserver(() => repairCalendarRoles(host, this.label()));
      observer.observe(host, { childList: true, subtree: true });
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected onKeydown(event: KeyboardEvent): void {
    const target = event.target;
    if (event.key === ' ' && target instanceof HTMLElement && target.matches('.cal-event[role="button"]')) {
      event.preventDefault();
      target.click();
    }
  }
}

/** Idempotent: only touches attributes, so it never re-triggers a childList observer. */
export function repairCalendarRoles(host: HTMLElement, label: string): void {
  for (const view of host.querySelectorAll<HTMLElement>('.cal-week-view[role="grid"]')) {
    view.setAttribute('role', 'group');
  }
  for (const view of host.querySelectorAll<HTMLElement>('.cal-week-view')) {
    if (view.getAttribute('aria-label') !== label) view.setAttribute('aria-label', label);
  }
  for (const row of host.querySelectorAll<HTMLElement>('.cal-week-view .cal-day-headers[role="row"]')) {
    row.removeAttribute('role');
  }
  for (const cell of host.querySelectorAll<HTMLElement>('.cal-week-view .cal-header[role="columnheader"]')) {
    cell.removeAttribute('role');
    cell.removeAttribute('tabindex');
  }
  for (const event of host.querySelectorAll<HTMLElement>('.cal-week-view .cal-event[role="application"]')) {
    event.setAttribute('role', 'button');
  }
}
