import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { LessonRegisterCard } from './lesson-register-card';
import { DayNav } from './day-nav';
import { RegisterDay } from './register-day';
import { REGISTER_PAGE_STYLES } from './register-styles';

/**
 * A teacher's register for a school day, made for a phone between lessons: the day is the school's (its time zone,
 * not the browser's), today unless `?date=YYYY-MM-DD` names another (the missing-register reminder links to its day),
 * with the days before and after a tap away. Each lesson is a `LessonRegisterCard`; marks made elsewhere arrive over
 * the socket (`register.changed.v1`).
 */
@Component({
  selector: 'cz-register-page',
  imports: [DayNav, LessonRegisterCard, ProblemAlert],
  providers: [RegisterDay],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: REGISTER_PAGE_STYLES,
  template: `
    <h1>Register</h1>
    <cz-problem-alert [problem]="register.problem()" />
    @if (register.day(); as day) {
      <cz-day-nav [date]="day.date" [today]="!date()" />
      @for (lesson of day.lessons; track lesson.lessonId) {
        <cz-lesson-register-card [lesson]="lesson" [viewer]="register.viewer()" (changed)="register.replace($event)" />
      } @empty {
        <p>No lessons {{ date() ? 'that day' : 'today' }}.</p>
      }
    } @else if (!register.problem()) {
      <p role="status">Loading the day's lessons…</p>
    }
  `,
})
export class RegisterPage {
  protected readonly register = inject(RegisterDay);
  /** `?date=YYYY-MM-DD`: the school day to show; today in the school's zone without it. */
  readonly date = input<string | undefined>(undefined);

  constructor() {
    this.register.loadNames(false);
    effect(() => this.register.load({ date: this.date() }));
  }
}
