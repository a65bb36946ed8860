import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { LessonType } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

@Component({
  selector: 'cz-lesson-types-settings',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <h2>Lesson types</h2>
    <cz-problem-alert class="block" [problem]="form.problem()" />
    <p class="status" role="status">{{ form.status() }}</p>
    <div class="card">
      <ul>
        @for (t of types(); track t.id) {
          <li>{{ t.name }}: {{ t.durationMinutes }} min, {{ t.format }}@if (t.rateMinor !== null) {, rate {{ t.rateMinor / 100 }}}</li>
        } @empty {
          <li>No lesson types yet.</li>
        }
      </ul>
      <form class="row" (ngSubmit)="create()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Name</mat-label>
          <input matInput name="name" [(ngModel)]="draft.name" required maxlength="80" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Duration (minutes)</mat-label>
          <input matInput name="duration" type="number" min="5" max="480" [(ngModel)]="draft.durationMinutes" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Format</mat-label>
          <select matNativeControl name="format" [(ngModel)]="draft.format">
            <option value="individual">Individual</option>
            <option value="group">Group</option>
          </select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Rate (optional, e.g. 25.00)</mat-label>
          <input matInput name="rate" inputmode="decimal" [(ngModel)]="draft.rate" />
        </mat-form-field>
        <button matButton="filled" type="submit">Add lesson type</button>
      </form>
    </div>
  `,
})
export class LessonTypesSettings {
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  protected readonly form = new FormState();
  protected readonly types = signal<LessonType[]>([]);
  protected draft = { name: '', durationMinutes: 30, format: 'individual' as LessonType['format'], rate: '' };

  constructor() {
    this.form.load(this.api.lessonTypes(), (t) => this.types.set(t));
  }

  protected create(): void {
    if (!this.draft.name.trim()) return;
    const rate = this.draft.rate.trim() ? Math.round(Number(this.draft.rate) * 100) : null;
    const type = { name: this.draft.name.trim(), durationMinutes: Number(this.draft.durationMinutes), format: this.draft.format, rateMinor: Number.isFinite(rate) ? rate : null };
    const added = (t: LessonType) => {
      this.types.update((all) => [...all, t]);
      this.draft = { name: '', durationMinutes: 30, format: 'individual', rate: '' };
      this.directory.load(true);
    };
    this.form.save(this.api.createLessonType(type), added, (t) => `Lesson type ${t.name} added.`);
  }
}
