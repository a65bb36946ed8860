import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Student, UpdateStudentRequest } from '@cadenza/shared/contracts';
import { CallState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import { PROFILE_PANEL_STYLES } from './page-styles';
import { listOf, sameList, textOrNull } from './profile-values';

type NoteField = 'level' | 'schoolYear' | 'staffNotes' | 'medicalNotes';
export type StudentProfileValues = Record<'instruments' | NoteField | 'contactName' | 'contactPhone' | 'contactRelation', string>;

/**
 * The change a form's values make to a student's profile: only the fields that differ, an empty field meaning none;
 * the emergency contact whole (all three parts) or cleared when all three are empty.
 */
export function studentProfileChange(student: Student, values: StudentProfileValues): UpdateStudentRequest {
  const change: UpdateStudentRequest = {};
  const instruments = listOf(values.instruments);
  if (!sameList(instruments, student.instruments)) change.instruments = instruments;
  for (const key of ['level', 'schoolYear', 'staffNotes', 'medicalNotes'] as const) {
    const value = textOrNull(values[key]);
    if (value !== (student[key] ?? null)) change[key] = value;
  }
  const contact = { name: values.contactName.trim(), phone: values.contactPhone.trim(), relation: values.contactRelation.trim() };
  const given = contact.name || contact.phone || contact.relation ? contact : null;
  const was = student.emergencyContact ?? null;
  if (given === null ? was !== null : !was || was.name !== given.name || was.phone !== given.phone || was.relation !== given.relation) change.emergencyContact = given;
  return change;
}

const LABELS: Record<string, string> = {
  instruments: 'Learns',
  level: 'Level',
  schoolYear: 'School year',
  staffNotes: 'Staff notes',
  medicalNotes: 'Medical or access notes',
  'emergencyContact.name': 'Emergency contact’s name',
  'emergencyContact.phone': 'Emergency contact’s phone',
  'emergencyContact.relation': 'Emergency contact’s relation',
};

/**
 * A student's profile on their page: what they learn, their level and school year, the staff notes, the medical or
 * access notes and the emergency contact (each part only when the server answers it to the viewer); an admin edits
 * every part in place (`PATCH /students/:id`, only the fields changed), with the server's refusal named under the form.
 */
@Component({
  selector: 'cz-student-profile-panel',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PROFILE_PANEL_STYLES,
  template: `
    @if (student(); as s) {
      @if (editing()) {
        <form
          novalidate
          (submit)="
            $event.preventDefault();
            save({ instruments: instruments.value, level: level.value, schoolYear: year.value, staffNotes: staff.value, medicalNotes: medical.value, contactName: cName.value, contactPhone: cPhone.value, contactRelation: cRelation.value })
          "
          aria-label="Student profile"
        >
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Learns (separated by commas)</mat-label>
            <input matInput #instruments name="instruments" [value]="s.instruments.join(', ')" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Level</mat-label>
            <input matInput #level name="level" maxlength="60" [value]="s.level ?? ''" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>School year</mat-label>
            <input matInput #year name="schoolYear" maxlength="40" [value]="s.schoolYear ?? ''" />
          </mat-form-field>
          <mat-form-field class="wide" appearance="outline" subscriptSizing="dynamic">
            <mat-label>Staff notes (staff only)</mat-label>
            <textarea matInput #staff name="staffNotes" rows="3" maxlength="4000" [value]="s.staffNotes ?? ''"></textarea>
          </mat-form-field>
          <mat-form-field class="wide" appearance="outline" subscriptSizing="dynamic">
            <mat-label>Medical or access notes</mat-label>
            <textarea matInput #medical name="medicalNotes" rows="3" maxlength="4000" [value]="s.medicalNotes ?? ''"></textarea>
          </mat-form-field>
          <p class="detail">Emergency contact (leave all three empty for none)</p>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Their name</mat-label>
            <input matInput #cName name="contactName" maxlength="120" [value]="s.emergencyContact?.name ?? ''" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Their phone</mat-label>
            <input matInput #cPhone name="contactPhone" type="tel" [value]="s.emergencyContact?.phone ?? ''" [attr.aria-invalid]="call.errors()['emergencyContact.phone'] ? 'true' : null" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>How they are related</mat-label>
            <input matInput #cRelation name="contactRelation" maxlength="60" [value]="s.emergencyContact?.relation ?? ''" />
          </mat-form-field>
          @for (e of fieldProblems(); track e.field) {
            <p class="detail" role="alert" [attr.data-field]="e.field">{{ e.label }}: {{ e.message }}</p>
          }
          <div class="actions">
            <button matButton="filled" type="submit" [disabled]="call.busy()">Save student profile</button>
            <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="editing.set(false); call.clear()">Cancel</button>
          </div>
        </form>
      } @else {
        <dl aria-label="Student profile">
          <dt>Learns</dt>
          <dd>{{ s.instruments.length > 0 ? s.instruments.join(', ') : 'Not recorded' }}</dd>
          <dt>Level</dt>
          <dd>{{ s.level ?? 'Not recorded' }}</dd>
          <dt>School year</dt>
          <dd>{{ s.schoolYear ?? 'Not recorded' }}</dd>
          @if (s.staffNotes !== undefined) {
            <dt>Staff notes</dt>
            <dd>{{ s.staffNotes ?? 'None' }}</dd>
          }
          @if (s.medicalNotes !== undefined) {
            <dt>Medical or access notes</dt>
            <dd>{{ s.medicalNotes ?? 'None' }}</dd>
          }
          @if (s.emergencyContact !== undefined) {
            <dt>Emergency contact</dt>
            <dd>{{ s.emergencyContact ? s.emergencyContact.name + ' (' + s.emergencyContact.relation + '), ' + s.emergencyContact.phone : 'Not recorded' }}</dd>
          }
        </dl>
        @if (saved()) {
          <p class="detail" role="status">Student profile saved.</p>
        }
        @if (canEdit()) {
          <button matButton="outlined" type="button" (click)="edit()">Edit student profile</button>
        }
      }
    }
    <cz-problem-alert [problem]="call.problem()" />
  `,
})
export class StudentProfilePanel {
  /** The student as the page read them (`GET /students/:id`, which leaves out what the viewer may not read). */
  readonly student = input.required<Student>();
  readonly canEdit = input(false);
  /** The student as the server answered a change: the page shows it and its history reads again. */
  readonly changed = output<Student>();
  private readonly api = inject(PeopleApi);
  protected readonly call = new CallState();
  protected readonly editing = signal(false);
  protected readonly saved = signal(false);
  protected readonly fieldProblems = computed(() => Object.entries(this.call.errors()).map(([field, message]) => ({ field, label: LABELS[field] ?? field, message })));

  protected edit(): void {
    this.call.clear();
    this.saved.set(false);
    this.editing.set(true);
  }

  protected save(values: StudentProfileValues): void {
    const student = this.student();
    const change = studentProfileChange(student, values);
    if (Object.keys(change).length === 0) {
      this.editing.set(false);
      return;
    }
    this.call.run(this.api.updateStudent(student.id, change), (s) => {
      this.editing.set(false);
      this.saved.set(true);
      this.changed.emit(s);
    });
  }
}
