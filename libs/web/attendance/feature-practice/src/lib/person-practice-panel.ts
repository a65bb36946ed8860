import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { StudentPractice } from './student-practice';

/** A student's assignments, practice and progress on their page in the console (the app composes it into People). */
@Component({
  selector: 'cz-person-practice-panel',
  imports: [StudentPractice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      margin: 24px 0 0;
    }
  `,
  template: `
    @if (kind() === 'students') {
      <cz-student-practice [studentId]="personId()" />
    }
  `,
})
export class PersonPracticePanel {
  readonly personId = input.required<string>();
  readonly kind = input<string>('students');
}
