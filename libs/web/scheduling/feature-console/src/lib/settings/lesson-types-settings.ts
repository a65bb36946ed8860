import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { CreateLessonTypeRequest, LessonType } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { formatMinor } from '@cadenza/web/scheduling/util';
import { AuthStore, FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';
import { LessonTypeForm } from './lesson-type-form';

const byName = (a: LessonType, b: LessonType) => a.name.localeCompare(b.name);

/** The lesson types the school offers, with their rates in its currency: added, changed, and deleted while no lesson is of them. */
@Component({
  selector: 'cz-lesson-types-settings',
  imports: [MatButtonModule, LessonTypeForm, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <h2>Lesson types</h2>
    <p class="status" role="status">{{ form.status() }}</p>
    <div class="card">
      <cz-problem-alert class="block" [problem]="form.problem()" />
      <ul class="periods">
        @for (t of types(); track t.id) {
          <li>
            @if (editing() === t.id) {
              <cz-lesson-type-form [initial]="t" (saved)="change(t, $event)" (cancelled)="editing.set(null)" />
            } @else {
              <span>{{ t.name }}: {{ t.durationMinutes }} min, {{ t.format }}@if (t.rateMinor !== null) {, {{ price(t.rateMinor) }}}</span>
              <span class="actions">
                <button matButton type="button" (click)="editing.set(t.id)" [attr.aria-label]="'Edit lesson type ' + t.name">Edit</button>
                <button matButton type="button" (click)="remove(t)" [attr.aria-label]="'Delete lesson type ' + t.name">Delete</button>
              </span>
            }
          </li>
        } @empty {
          <li>No lesson types yet.</li>
        }
      </ul>
      <cz-lesson-type-form #addForm (saved)="create($event, addForm)" />
    </div>
  `,
})
export class LessonTypesSettings {
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  private readonly school = inject(AuthStore).user()?.school ?? null;
  protected readonly form = new FormState();
  protected readonly types = signal<LessonType[]>([]);
  protected readonly editing = signal<string | null>(null);

  constructor() {
    this.form.load(this.api.lessonTypes(), (t) => this.types.set(t));
  }

  protected price(minor: number): string {
    return formatMinor(minor, this.school);
  }

  protected create(type: CreateLessonTypeRequest, addForm: LessonTypeForm): void {
    const added = (t: LessonType) => {
      this.types.update((all) => [...all, t].sort(byName));
      addForm.reset();
      this.directory.load(true);
    };
    this.form.save(this.api.createLessonType(type), added, (t) => `Lesson type ${t.name} added.`);
  }

  protected change(type: LessonType, changes: CreateLessonTypeRequest): void {
    const changed = (saved: LessonType) => {
      this.types.update((all) => all.map((t) => (t.id === saved.id ? saved : t)).sort(byName));
      this.editing.set(null);
      this.directory.load(true);
    };
    this.form.save(this.api.updateLessonType(type.id, changes), changed, (t) => `Lesson type ${t.name} saved.`);
  }

  protected remove(type: LessonType): void {
    const removed = () => {
      this.types.update((all) => all.filter((t) => t.id !== type.id));
      this.directory.load(true);
    };
    this.form.save(this.api.deleteLessonType(type.id), removed, `Lesson type ${type.name} deleted.`);
  }
}
