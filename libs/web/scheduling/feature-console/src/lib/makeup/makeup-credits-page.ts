import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { MakeupCredit, ProblemDetails } from '@cadenza/shared/contracts';
import { formatSlot, nameOf, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

/** Every makeup credit of the school (or one student's), with its state and expiry. */
@Component({
  selector: 'cz-makeup-credits-page',
  imports: [FormsModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './makeup-credits-page.scss',
  template: `
    <h1>Makeup credits</h1>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Student</mat-label>
      <select matNativeControl [ngModel]="studentId()" (ngModelChange)="select($event)">
        <option value="">All students</option>
        @for (s of directory.students(); track s.id) {
          <option [value]="s.id">{{ s.name }}</option>
        }
      </select>
    </mat-form-field>
    <cz-problem-alert class="block" [problem]="problem()" />
    <p>{{ available() }} available of {{ credits().length }}.</p>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Granted</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          @for (c of credits(); track c.id) {
            <tr>
              <td>{{ name(c.studentId) }}</td>
              <td>{{ when(c.grantedAt) }}</td>
              <td>{{ when(c.expiresAt) }}</td>
              <td>{{ c.status }}</td>
            </tr>
          } @empty {
            <tr>
              <td colspan="4">No makeup credits.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class MakeupCreditsPage {
  private readonly api = inject(SchedulingApi);
  protected readonly directory = inject(StaffDirectory);
  protected readonly studentId = signal('');
  protected readonly credits = signal<MakeupCredit[]>([]);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly available = computed(() => this.credits().filter((c) => c.status === 'available').length);

  constructor() {
    this.directory.load();
    this.select('');
  }

  protected select(studentId: string): void {
    this.studentId.set(studentId);
    this.api.makeupCredits(studentId || null).subscribe({
      next: (credits) => this.credits.set(credits),
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected name(id: string): string {
    return nameOf(this.directory.names(), id, 'Student');
  }

  protected when(instant: string): string {
    return formatSlot(instant, null, this.directory.timeZone());
  }
}
