import { ChangeDetectionStrategy, ChangeDetectorRef, Component, inject, input, output, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FormButtons } from './form-buttons';
import type { CreateLessonTypeRequest, LessonType } from '@cadenza/shared/contracts';
import { majorText, parseMajor } from '@cadenza/web/scheduling/util';
import { AuthStore } from '@cadenza/web/shared/data-access-api';

const EMPTY = { name: '', durationMinutes: 30, format: 'individual' as LessonType['format'], rate: '' };

/** The form that adds a lesson type, or changes one (given as `initial`, with a Cancel button); the rate is typed in the school's currency. */
@Component({
  selector: 'cz-lesson-type-form',
  imports: [FormsModule, FormButtons, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <form class="row" (ngSubmit)="submit()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Name</mat-label>
        <input matInput [name]="prefix() + 'name'" [(ngModel)]="draft.name" required maxlength="80" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Duration (minutes)</mat-label>
        <input matInput [name]="prefix() + 'duration'" type="number" min="5" max="480" [(ngModel)]="draft.durationMinutes" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Format</mat-label>
        <select matNativeControl [name]="prefix() + 'format'" [(ngModel)]="draft.format">
          <option value="individual">Individual</option>
          <option value="group">Group</option>
        </select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Rate in {{ currency() }}</mat-label>
        <input matInput [name]="prefix() + 'rate'" inputmode="decimal" [(ngModel)]="draft.rate" />
      </mat-form-field>
      <cz-form-buttons [submit]="initial() ? 'Save lesson type' : 'Add lesson type'" [editing]="!!initial()" (cancelled)="cancelled.emit()" />
    </form>
  `,
})
export class LessonTypeForm implements OnInit {
  /** The type being changed; absent when adding one. */
  readonly initial = input<LessonType | null>(null);
  readonly saved = output<CreateLessonTypeRequest>();
  readonly cancelled = output<void>();
  private readonly school = inject(AuthStore).user()?.school ?? null;
  private readonly changes = inject(ChangeDetectorRef);
  protected readonly currency = () => this.school?.currency ?? 'GBP';
  protected readonly prefix = () => (this.initial() ? 'edit-' : '');
  protected draft = { ...EMPTY };

  ngOnInit(): void {
    const type = this.initial();
    if (type) this.draft = { name: type.name, durationMinutes: type.durationMinutes, format: type.format, rate: majorText(type.rateMinor, this.school) };
  }

  /** Empties the fields, once the type has been added. */
  reset(): void {
    this.draft = { ...EMPTY };
    this.changes.markForCheck();
  }

  protected submit(): void {
    if (!this.draft.name.trim()) return;
    this.saved.emit({ name: this.draft.name.trim(), durationMinutes: Number(this.draft.durationMinutes), format: this.draft.format, rateMinor: parseMajor(this.draft.rate, this.school) });
  }
}
