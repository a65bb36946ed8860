import { afterNextRender, Directive, effect, ElementRef, inject, Injector, input } from '@angular/core';
import { openingHour, type TimetableHours } from '@cadenza/web/scheduling/util';

/**
 * Opens a week or day timetable at its lessons. On the element that scrolls the timetable
 * (its day headers stay at the top as it scrolls): whenever lessons for another period or
 * filter arrive, it scrolls to an hour before the earliest of them (`openingHour`). Reloads
 * of the same period (after a lesson is moved, say) leave the scroll where the person put it.
 */
@Directive({
  selector: '[czTimetableScroll]',
  host: { class: 'cz-timetable-scroll' },
})
export class TimetableScroll {
  /** The wall-clock starts of the lessons shown. */
  readonly starts = input.required<readonly Date[]>({ alias: 'czTimetableScroll' });
  /** What the lessons were loaded for (period and filters); a new value opens the timetable afresh. */
  readonly loadedFor = input.required<string>();
  readonly hours = input.required<TimetableHours>();
  /** The drawn height of one hour, in CSS pixels (hour segments × segment height). */
  readonly hourHeight = input.required<number>();

  private openedFor: string | null = null;

  constructor() {
    const host: HTMLElement = inject(ElementRef).nativeElement;
    const injector = inject(Injector);
    effect(() => {
      const loadedFor = this.loadedFor();
      const starts = this.starts();
      const hours = this.hours();
      const hourHeight = this.hourHeight();
      if (!loadedFor || loadedFor === this.openedFor) return;
      this.openedFor = loadedFor;
      afterNextRender({ write: () => host.scrollTo({ top: (openingHour(starts, hours) - hours.dayStartHour) * hourHeight }) }, { injector });
    });
  }
}
