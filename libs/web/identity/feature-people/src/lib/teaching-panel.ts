import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TeacherProfile, UpdateTeacherProfileRequest } from '@cadenza/shared/contracts';
import { CallState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import { PROFILE_PANEL_STYLES } from './page-styles';
import { listOf, sameList, textOrNull } from './profile-values';

type Values = Record<'instruments' | 'levels' | 'bio' | 'phone' | 'email', string>;

/** The change a form's values make to a teaching profile: only the fields that differ, an empty field meaning none. */
export function teachingChange(profile: TeacherProfile, values: Values): UpdateTeacherProfileRequest {
  const change: UpdateTeacherProfileRequest = {};
  const [instruments, levels] = [listOf(values.instruments), listOf(values.levels)];
  if (!sameList(instruments, profile.instruments)) change.instruments = instruments;
  if (!sameList(levels, profile.levels)) change.levels = levels;
  for (const key of ['bio', 'phone', 'email'] as const) {
    const value = textOrNull(values[key]);
    if (value !== (profile[key] ?? null)) change[key] = value;
  }
  return change;
}

const LABELS: Record<string, string> = { instruments: 'Teaches', levels: 'Levels', bio: 'Bio', phone: 'Work phone', email: 'Work email' };

/**
 * A teacher's or accompanist's teaching profile on their staff page: what they teach, the levels, the bio families
 * read and the work contact; an admin edits it in place (`PATCH /teachers/:id`, only the fields changed), with the
 * server's refusal named under the form.
 */
@Component({
  selector: 'cz-teaching-panel',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PROFILE_PANEL_STYLES,
  template: `
    @if (profile(); as t) {
      @if (editing()) {
        <form novalidate (submit)="$event.preventDefault(); save({ instruments: instruments.value, levels: levels.value, bio: bio.value, phone: phone.value, email: email.value })" aria-label="Teaching profile">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Teaches (separated by commas)</mat-label>
            <input matInput #instruments name="instruments" [value]="t.instruments.join(', ')" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Levels (separated by commas)</mat-label>
            <input matInput #levels name="levels" [value]="t.levels.join(', ')" />
          </mat-form-field>
          <mat-form-field class="wide" appearance="outline" subscriptSizing="dynamic">
            <mat-label>Bio, shown to families</mat-label>
            <textarea matInput #bio name="bio" rows="4" maxlength="2000" [value]="t.bio ?? ''"></textarea>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Work phone</mat-label>
            <input matInput #phone name="phone" type="tel" [value]="t.phone ?? ''" [attr.aria-invalid]="call.errors()['phone'] ? 'true' : null" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Work email</mat-label>
            <input matInput #email name="email" type="email" [value]="t.email ?? ''" [attr.aria-invalid]="call.errors()['email'] ? 'true' : null" />
          </mat-form-field>
          @for (e of fieldProblems(); track e.field) {
            <p class="detail" role="alert" [attr.data-field]="e.field">{{ e.label }}: {{ e.message }}</p>
          }
          <div class="actions">
            <button matButton="filled" type="submit" [disabled]="call.busy()">Save teaching profile</button>
            <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="editing.set(false); call.clear()">Cancel</button>
          </div>
        </form>
      } @else {
        <dl aria-label="Teaching profile">
          <dt>Teaches</dt>
          <dd>{{ t.instruments.length > 0 ? t.instruments.join(', ') : 'Not recorded' }}</dd>
          <dt>Levels</dt>
          <dd>{{ t.levels.length > 0 ? t.levels.join(', ') : 'Not recorded' }}</dd>
          <dt>Bio</dt>
          <dd>{{ t.bio ?? 'Not written yet' }}</dd>
          <dt>Work phone</dt>
          <dd>{{ t.phone ?? 'Not recorded' }}</dd>
          <dt>Work email</dt>
          <dd>{{ t.email ?? 'Not recorded' }}</dd>
        </dl>
        @if (saved()) {
          <p class="detail" role="status">Teaching profile saved.</p>
        }
        @if (canEdit()) {
          <button matButton="outlined" type="button" (click)="edit()">Edit teaching profile</button>
        }
      }
    }
    <cz-problem-alert [problem]="call.problem()" />
  `,
})
export class TeachingPanel {
  readonly personId = input.required<string>();
  readonly canEdit = input(false);
  private readonly api = inject(PeopleApi);
  protected readonly call = new CallState();
  protected readonly profile = signal<TeacherProfile | null>(null);
  protected readonly editing = signal(false);
  protected readonly saved = signal(false);
  protected readonly fieldProblems = computed(() => Object.entries(this.call.errors()).map(([field, message]) => ({ field, label: LABELS[field.split('.')[0] ?? field] ?? field, message })));

  constructor() {
    effect(() => {
      const id = this.personId();
      untracked(() => {
        this.profile.set(null);
        this.editing.set(false);
        this.call.run(this.api.teacher(id), (t) => this.profile.set(t));
      });
    });
  }

  protected edit(): void {
    this.call.clear();
    this.saved.set(false);
    this.editing.set(true);
  }

  protected save(values: Values): void {
    const profile = this.profile();
    if (!profile) return;
    const change = teachingChange(profile, values);
    if (Object.keys(change).length === 0) {
      this.editing.set(false);
      return;
    }
    this.call.run(this.api.updateTeacher(profile.id, change), (t) => {
      this.profile.set(t);
      this.editing.set(false);
      this.saved.set(true);
    });
  }
}
