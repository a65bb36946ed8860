import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { PracticeStudent, ProblemDetails } from '@cadenza/shared/contracts';
import { PracticeApi } from '@cadenza/web/attendance/data-access-practice';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StudentPractice } from './student-practice';

/**
 * The portal's practice page: a student's own assignments, practice and progress; a parent picks a child. A
 * view-only parent (or one of an adult child) reads without the logging form: the server says who may log.
 */
@Component({
  selector: 'cz-practice-page',
  imports: [MatButtonModule, ProblemAlert, StudentPractice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 760px;
    }
    h1 {
      margin: 0 0 12px;
      font: var(--mat-sys-headline-small);
    }
    .who {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 0 0 16px;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
    }
    .chosen {
      background: var(--mat-sys-secondary-container);
    }
  `,
  template: `
    <h1>Practice</h1>
    <cz-problem-alert [problem]="problem()" />
    @if (students().length > 1) {
      <div class="who" role="group" aria-label="Whose practice">
        @for (s of students(); track s.studentId) {
          <button mat-stroked-button type="button" [class.chosen]="s.studentId === selected()?.studentId" [attr.aria-pressed]="s.studentId === selected()?.studentId" (click)="chosen.set(s.studentId)">{{ s.name }}</button>
        }
      </div>
    }
    @if (selected(); as s) {
      @if (students().length > 1 || !s.canLog) {
        <p class="meta">{{ s.name }}{{ s.canLog ? '' : ' · you can read their practice; they log it themselves' }}</p>
      }
      <cz-student-practice [studentId]="s.studentId" />
    } @else if (loaded()) {
      <p class="meta">No practice to show.</p>
    }
  `,
})
export class PracticePage {
  private readonly api = inject(PracticeApi);
  protected readonly students = signal<PracticeStudent[]>([]);
  protected readonly chosen = signal<string | null>(null);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly selected = computed(() => this.students().find((s) => s.studentId === this.chosen()) ?? this.students()[0] ?? null);

  constructor() {
    this.api.students().subscribe({
      next: (students) => {
        this.students.set(students);
        this.loaded.set(true);
      },
      error: (error: unknown) => this.problem.set(toProblem(error)),
    });
  }
}
