import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { StaffDirectory } from '../staff-directory';

/** The controls a booking and a series share: who teaches whom, where, what kind of lesson and for how long. */
export function lessonPeopleControls(directory: StaffDirectory) {
  return {
    teacherId: new FormControl(directory.teachers()[0]?.id ?? '', { nonNullable: true, validators: Validators.required }),
    studentIds: new FormControl<string[]>([], { nonNullable: true, validators: Validators.required }),
    roomId: new FormControl('', { nonNullable: true }),
    lessonTypeId: new FormControl('', { nonNullable: true }),
    durationMinutes: new FormControl(30, { nonNullable: true, validators: [Validators.required, Validators.min(5), Validators.max(480)] }),
  };
}

type LessonPeopleControls = ReturnType<typeof lessonPeopleControls>;

/**
 * The teacher, students, room and lesson type fields of the booking and series dialogs, on the dialog's own form
 * (made with `lessonPeopleControls`); picking a lesson type sets the duration to the type's. Its fields flow into
 * the dialog's grid.
 */
@Component({
  selector: 'cz-lesson-people-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './dialog.scss',
  styles: `
    :host {
      display: contents;
    }
  `,
  template: `
    <ng-container [formGroup]="group()">
      <mat-form-field appearance="outline">
        <mat-label>Teacher</mat-label>
        <select matNativeControl formControlName="teacherId" required>
          @for (t of directory.teachers(); track t.id) {
            <option [value]="t.id">{{ t.name }}</option>
          }
        </select>
      </mat-form-field>
      <mat-form-field appearance="outline" class="wide">
        <mat-label>Students</mat-label>
        <select matNativeControl multiple formControlName="studentIds" required size="5">
          @for (s of directory.students(); track s.id) {
            <option [value]="s.id">{{ s.name }}</option>
          }
        </select>
        <mat-hint>Hold Ctrl (or ⌘) to choose more than one.</mat-hint>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Room</mat-label>
        <select matNativeControl formControlName="roomId">
          <option value="">No room</option>
          @for (r of directory.rooms(); track r.id) {
            @if (r.active) {
              <option [value]="r.id">{{ r.name }}</option>
            }
          }
        </select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Lesson type</mat-label>
        <select matNativeControl formControlName="lessonTypeId" (change)="typeChanged()">
          <option value="">None</option>
          @for (t of directory.lessonTypes(); track t.id) {
            <option [value]="t.id">{{ t.name }} ({{ t.durationMinutes }} min)</option>
          }
        </select>
      </mat-form-field>
    </ng-container>
  `,
})
export class LessonPeopleFields {
  /** The dialog's form, holding at least the controls of `lessonPeopleControls` (and its own besides). */
  readonly group = input.required<FormGroup>();
  protected readonly directory = inject(StaffDirectory);

  protected typeChanged(): void {
    const controls = this.group().controls as Partial<LessonPeopleControls>;
    const type = this.directory.lessonTypes().find((t) => t.id === controls.lessonTypeId?.value);
    if (type) controls.durationMinutes?.setValue(type.durationMinutes);
  }
}
