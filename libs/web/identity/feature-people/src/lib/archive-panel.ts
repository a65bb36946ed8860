import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ArchivePersonRequest, ArchivePreview, UserSummary } from '@cadenza/shared/contracts';
import { AuthStore, CallState } from '@cadenza/web/shared/data-access-api';
import { ACTION_PANEL_STYLES, ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import { todayIn } from './days';

/** A lesson still to come, in words, in a time zone: "Tue, 15 Sept 2026, 16:00". */
export function lessonInWords(start: string, timeZone: string, locale = 'en-GB'): string {
  return new Date(start).toLocaleString(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * Leaving and returning, on a person's page (admins): archive someone who left, after seeing their lessons still to
 * come (which the same action may cancel), or restore them. Never oneself.
 */
@Component({
  selector: 'cz-archive-panel',
  imports: [MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [ACTION_PANEL_STYLES, 'ul { margin: 0; padding-left: 20px; font: var(--mat-sys-body-medium); }'],
  template: `
    <cz-problem-alert [problem]="call.problem()" />
    @if (person().archived || person().leftSchoolOn) {
      <p>Archived: they cannot sign in and are left out of lists and pickers; their history stays.</p>
      <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="restore()">Restore {{ person().name }}</button>
    } @else if (isMe()) {
      <p>You cannot archive yourself.</p>
    } @else if (preview(); as p) {
      <form novalidate (submit)="$event.preventDefault(); archive(left.value, reason.value)" aria-label="Archive">
        @if (p.lessons.length > 0) {
          <p>{{ p.lessons.length }} {{ p.lessons.length === 1 ? 'lesson' : 'lessons' }} still to come:</p>
          <ul aria-label="Lessons still to come">
            @for (l of p.lessons.slice(0, 5); track l.id) {
              <li>{{ when(l.start) }}{{ l.otherStudents ? ' (with ' + l.otherStudents + ' other ' + (l.otherStudents === 1 ? 'student' : 'students') + ')' : '' }}</li>
            }
            @if (p.lessons.length > 5) {
              <li>and {{ p.lessons.length - 5 }} more</li>
            }
          </ul>
          <mat-checkbox [checked]="cancelLessons()" (change)="cancelLessons.set($event.checked)">Cancel these lessons</mat-checkbox>
        } @else {
          <p>No lesson still to come.</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Day they left</mat-label>
          <input matInput #left type="date" name="leftOn" [max]="today()" [value]="today()" [attr.aria-invalid]="call.errors()['leftOn'] ? 'true' : null" />
          @if (call.errors()['leftOn']; as e) {
            <mat-error>{{ e }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Reason (optional)</mat-label>
          <input matInput #reason name="reason" maxlength="500" />
          <mat-hint>Given in the lessons’ cancellation notices</mat-hint>
        </mat-form-field>
        @if (call.errors()['leftOn']; as e) {
          <p role="alert">Day they left: {{ e }}</p>
        }
        <div class="actions">
          <button matButton="filled" type="submit" [disabled]="call.busy()">Archive {{ person().name }}</button>
          <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="preview.set(null)">Cancel</button>
        </div>
      </form>
    } @else {
      <p>Archive someone who left: they cannot sign in any more and drop out of lists; their history stays.</p>
      <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="open()">Archive…</button>
    }
  `,
})
export class ArchivePanel {
  readonly person = input.required<UserSummary>();
  readonly changed = output<UserSummary>();
  private readonly api = inject(PeopleApi);
  private readonly me = inject(AuthStore).user;
  protected readonly preview = signal<ArchivePreview | null>(null);
  protected readonly cancelLessons = signal(true);
  protected readonly call = new CallState();
  protected readonly isMe = computed(() => this.me()?.id === this.person().id);
  protected readonly today = computed(() => todayIn(this.me()?.school.timeZone ?? 'UTC'));

  protected when(start: string): string {
    return lessonInWords(start, this.me()?.timeZone ?? 'UTC', this.me()?.locale ?? 'en-GB');
  }

  protected open(): void {
    this.call.run(this.api.archivePreview(this.person().id), (preview) => {
      this.cancelLessons.set(true);
      this.preview.set(preview);
    });
  }

  protected archive(leftOn: string, reason: string): void {
    const hasLessons = (this.preview()?.lessons.length ?? 0) > 0;
    const request: ArchivePersonRequest = { leftOn: leftOn.trim() || undefined, cancelFutureLessons: hasLessons && this.cancelLessons(), reason: reason.trim() || undefined };
    this.call.run(this.api.archive(this.person().id, request), (person) => {
      this.preview.set(null);
      this.changed.emit(person);
    });
  }

  protected restore(): void {
    this.call.run(this.api.restore(this.person().id), (person) => this.changed.emit(person));
  }
}
