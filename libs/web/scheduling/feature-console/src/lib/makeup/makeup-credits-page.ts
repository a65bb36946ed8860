import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { FreeSlot, Lesson, MakeupCredit } from '@cadenza/shared/contracts';
import { formatSlot, nameOf, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

const DAY_MS = 86_400_000;

/** What an admin is doing to one credit: extending it, voiding it, or booking its makeup lesson. */
type Acting = { creditId: string; kind: 'extend' | 'void' | 'book' };

/**
 * Every makeup credit of the school (or one student's), with its state and expiry. An admin grants one for a
 * student's lesson, extends or voids one with a reason, and books a makeup lesson on the family's behalf from the
 * teacher's free times.
 */
@Component({
  selector: 'cz-makeup-credits-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './makeup-credits-page.scss',
  template: `
    <h1>Makeup credits</h1>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Student</mat-label>
      <select matNativeControl name="student" [ngModel]="studentId()" (ngModelChange)="select($event)">
        <option value="">All students</option>
        @for (s of directory.students(); track s.id) {
          <option [value]="s.id">{{ s.name }}</option>
        }
      </select>
    </mat-form-field>
    <p class="status" role="status">{{ form.status() }}</p>
    <cz-problem-alert class="block" [problem]="form.problem()" />

    @if (studentId()) {
      <form class="card grant" (ngSubmit)="grant()" aria-label="Grant a makeup credit">
        <h2>Grant a credit to {{ name(studentId()) }}</h2>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>For the lesson</mat-label>
          <select matNativeControl name="origin" [(ngModel)]="grantDraft.originLessonId" required>
            <option value="">Choose a lesson</option>
            @for (l of studentLessons(); track l.id) {
              <option [value]="l.id">{{ slot(l.start, l.end) }}{{ l.status === 'cancelled' ? ' (cancelled)' : '' }}</option>
            }
          </select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Valid for (days)</mat-label>
          <input matInput name="validDays" type="number" min="1" max="365" [(ngModel)]="grantDraft.validDays" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Reason</mat-label>
          <input matInput name="grantReason" [(ngModel)]="grantDraft.reason" required maxlength="500" />
        </mat-form-field>
        <button matButton="filled" type="submit" [disabled]="form.saving()">Grant credit</button>
      </form>
    }

    <p>{{ available() }} available of {{ credits().length }}.</p>
    <div class="card">
      <table class="stacking">
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Granted</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="cz-visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          @for (c of credits(); track c.id) {
            <tr>
              <td class="name">{{ name(c.studentId) }}</td>
              <td data-label="Granted">{{ when(c.grantedAt) }}</td>
              <td data-label="Expires">{{ when(c.expiresAt) }}</td>
              <td data-label="Status">{{ c.status }}@if (c.voidReason) {: {{ c.voidReason }}}</td>
              <td class="actions">
                @if (c.status === 'available') {
                  <button matButton type="button" (click)="book(c)" [attr.aria-label]="'Book a makeup lesson for ' + name(c.studentId)">Book</button>
                }
                @if (c.status === 'available' || c.status === 'expired') {
                  <button matButton type="button" (click)="act(c, 'extend')" [attr.aria-label]="'Extend the credit of ' + name(c.studentId)">Extend</button>
                  <button matButton type="button" (click)="act(c, 'void')" [attr.aria-label]="'Void the credit of ' + name(c.studentId)">Void</button>
                }
              </td>
            </tr>
            @if (acting()?.creditId === c.id) {
              <tr class="acting">
                <td colspan="5">
                  @switch (acting()?.kind) {
                    @case ('extend') {
                      <form class="row" (ngSubmit)="extend(c)" aria-label="Extend the credit">
                        <mat-form-field appearance="outline" subscriptSizing="dynamic">
                          <mat-label>New expiry</mat-label>
                          <input matInput name="expiresOn" type="date" [(ngModel)]="change.expiresOn" required />
                        </mat-form-field>
                        <mat-form-field appearance="outline" subscriptSizing="dynamic">
                          <mat-label>Reason</mat-label>
                          <input matInput name="extendReason" [(ngModel)]="change.reason" required maxlength="500" />
                        </mat-form-field>
                        <button matButton="filled" type="submit" [disabled]="form.saving()">Extend credit</button>
                        <button matButton type="button" (click)="acting.set(null)">Cancel</button>
                      </form>
                    }
                    @case ('void') {
                      <form class="row" (ngSubmit)="voidCredit(c)" aria-label="Void the credit">
                        <mat-form-field appearance="outline" subscriptSizing="dynamic">
                          <mat-label>Reason</mat-label>
                          <input matInput name="voidReason" [(ngModel)]="change.reason" required maxlength="500" />
                        </mat-form-field>
                        <button matButton="filled" type="submit" [disabled]="form.saving()">Void credit</button>
                        <button matButton type="button" (click)="acting.set(null)">Cancel</button>
                      </form>
                    }
                    @case ('book') {
                      @if (slots(); as free) {
                        <ul class="slots" aria-label="Free times">
                          @for (s of free; track s.start) {
                            <li><button matButton="outlined" type="button" [disabled]="form.saving()" (click)="bookAt(c, s)">{{ slot(s.start, s.end) }}</button></li>
                          } @empty {
                            <li>No free times before the credit expires: extend it first.</li>
                          }
                        </ul>
                      } @else {
                        <p>Finding free times…</p>
                      }
                      <button matButton type="button" (click)="acting.set(null)">Close</button>
                    }
                  }
                </td>
              </tr>
            }
          } @empty {
            <tr>
              <td colspan="5">No makeup credits.</td>
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
  protected readonly form = new FormState();
  protected readonly studentId = signal('');
  protected readonly credits = signal<MakeupCredit[]>([]);
  /** The chosen student's lessons of the last 60 days and the next 30, to grant a credit for. */
  protected readonly studentLessons = signal<Lesson[]>([]);
  protected readonly acting = signal<Acting | null>(null);
  /** Free times for the credit being booked; null while they load. */
  protected readonly slots = signal<FreeSlot[] | null>(null);
  protected readonly available = computed(() => this.credits().filter((c) => c.status === 'available').length);
  protected grantDraft = { originLessonId: '', validDays: null as number | null, reason: '' };
  protected change = { expiresOn: '', reason: '' };

  constructor() {
    this.directory.load();
    this.select('');
  }

  protected select(studentId: string): void {
    this.studentId.set(studentId);
    this.acting.set(null);
    this.load();
    this.studentLessons.set([]);
    if (!studentId) return;
    const now = Date.now();
    const range = { from: new Date(now - 60 * DAY_MS).toISOString(), to: new Date(now + 30 * DAY_MS).toISOString() };
    this.form.load(this.api.lessons({ ...range, studentId, includeCancelled: true }), (lessons) => this.studentLessons.set([...lessons].reverse()));
  }

  private load(): void {
    this.form.load(this.api.makeupCredits(this.studentId() || null), (credits) => this.credits.set(credits));
  }

  protected name(id: string): string {
    return nameOf(this.directory.names(), id, 'Student');
  }

  protected when(instant: string): string {
    return formatSlot(instant, null, this.directory.timeZone());
  }

  protected slot(start: string, end: string): string {
    return formatSlot(start, end, this.directory.timeZone());
  }

  protected act(credit: MakeupCredit, kind: Acting['kind']): void {
    this.change = { expiresOn: new Date(Math.max(Date.parse(credit.expiresAt), Date.now()) + 30 * DAY_MS).toISOString().slice(0, 10), reason: '' };
    this.acting.set({ creditId: credit.id, kind });
  }

  protected grant(): void {
    const { originLessonId, validDays, reason } = this.grantDraft;
    if (!originLessonId || !reason.trim()) return;
    const body = { studentId: this.studentId(), originLessonId, reason: reason.trim(), ...(validDays ? { validDays: Number(validDays) } : {}) };
    const granted = () => {
      this.grantDraft = { originLessonId: '', validDays: null, reason: '' };
      this.load();
    };
    this.form.save(this.api.grantCredit(body), granted, `Credit granted to ${this.name(this.studentId())}.`);
  }

  protected extend(credit: MakeupCredit): void {
    if (!this.change.expiresOn || !this.change.reason.trim()) return;
    // The end of the chosen day in the viewer's zone is near enough: the server keeps the instant it is given.
    const expiresAt = new Date(`${this.change.expiresOn}T23:59:00`).toISOString();
    this.form.save(this.api.extendCredit(credit.id, { expiresAt, reason: this.change.reason.trim() }), () => this.done(), `Credit of ${this.name(credit.studentId)} extended.`);
  }

  protected voidCredit(credit: MakeupCredit): void {
    if (!this.change.reason.trim()) return;
    this.form.save(this.api.voidCredit(credit.id, this.change.reason.trim()), () => this.done(), `Credit of ${this.name(credit.studentId)} voided.`);
  }

  protected book(credit: MakeupCredit): void {
    this.acting.set({ creditId: credit.id, kind: 'book' });
    this.slots.set(null);
    this.form.load(this.api.makeupSlots(credit), (slots) => this.slots.set(slots));
  }

  protected bookAt(credit: MakeupCredit, slot: FreeSlot): void {
    this.form.save(this.api.bookMakeup(credit.id, slot), () => this.done(), (lesson) => `Makeup lesson booked for ${this.name(credit.studentId)}: ${this.slot(lesson.start, lesson.end)}.`);
  }

  private done(): void {
    this.acting.set(null);
    this.load();
  }
}
