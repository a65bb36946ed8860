import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@cadenza/web/shared/data-access-api';
import { StudentPractice } from './student-practice';

/** A student's assignments, practice and progress on their page in the console (the app composes it into People). */
@Component({
  selector: 'cz-person-practice-panel',
  imports: [RouterLink, StudentPractice],
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
      @if (admin()) {
        <p><a routerLink="/progress-scale">Edit the school’s progress scale</a></p>
      }
    }
  `,
})
export class PersonPracticePanel {
  readonly personId = input.required<string>();
  readonly kind = input<string>('students');
  private readonly auth = inject(AuthStore);
  protected readonly admin = computed(() => this.auth.user()?.roles.includes('admin') ?? false);
}
