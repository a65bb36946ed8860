import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { AvailabilityException, AvailabilityWindow, ProblemDetails } from '@cadenza/shared/contracts';
import { SchedulingApi, WEEKDAYS } from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

interface NewException {
  date: string;
  kind: 'unavailable' | 'available';
  startTime: string;
  endTime: string;
  reason: string;
}

interface EditableWindow extends AvailabilityWindow {
  key: number;
}

/** Weekly availability windows, buffer and exceptions: your own, or (admins) anyone's. */
@Component({
  selector: 'cz-availability-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './availability-page.scss',
  template: `
    <h1>Availability</h1>
    <p class="lead">Weekly hours when lessons may be booked, in the school's time zone ({{ directory.user()?.school?.timeZone }}).</p>

    @if (directory.isAdmin()) {
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Person</mat-label>
        <select matNativeControl [ngModel]="personId()" (ngModelChange)="select($event)">
          <option value="">Choose a teacher or accompanist</option>
          @for (p of people(); track p.id) {
            <option [value]="p.id">{{ p.name }}</option>
          }
        </select>
      </mat-form-field>
    }
    <cz-problem-alert class="block" [problem]="problem()" />
    <p class="status" role="status">{{ status() }}</p>

    @if (personId()) {
      <section class="card" aria-labelledby="weekly">
        <h2 id="weekly">Weekly windows</h2>
        @for (day of byDay(); track day.value) {
          <div class="day">
            <h3>{{ day.label }}</h3>
            <div class="windows">
              @for (w of day.windows; track w.key) {
                <div class="window">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>From</mat-label>
                    <input matInput type="time" [ngModel]="w.startTime" (ngModelChange)="updateWindow(w.key, 'startTime', $event)" />
                  </mat-form-field>
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>To</mat-label>
                    <input matInput type="time" [ngModel]="w.endTime" (ngModelChange)="updateWindow(w.key, 'endTime', $event)" />
                  </mat-form-field>
                  <button matButton type="button" (click)="removeWindow(w.key)" [attr.aria-label]="'Remove ' + day.label + ' ' + w.startTime + ' to ' + w.endTime">
                    Remove
                  </button>
                </div>
              } @empty {
                <p class="none">Not available.</p>
              }
              <button matButton="outlined" type="button" (click)="addWindow(day.value)" [attr.aria-label]="'Add hours on ' + day.label">Add hours</button>
            </div>
          </div>
        }
        <div class="save">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Buffer after each lesson (minutes)</mat-label>
            <input matInput type="number" min="0" max="120" [ngModel]="bufferMinutes()" (ngModelChange)="bufferMinutes.set($event)" />
          </mat-form-field>
          <button matButton="filled" type="button" [disabled]="saving()" (click)="save()">Save availability</button>
        </div>
      </section>

      <section class="card" aria-labelledby="exceptions">
        <h2 id="exceptions">Exceptions</h2>
        <ul>
          @for (e of exceptions(); track e.id) {
            <li>
              {{ e.date }}: {{ e.kind === 'unavailable' ? 'Unavailable' : 'Extra hours' }}
              @if (e.startTime) {
                {{ e.startTime }}–{{ e.endTime }}
              } @else if (e.kind === 'unavailable') {
                all day
              }
              @if (e.reason) {
                ({{ e.reason }})
              }
            </li>
          } @empty {
            <li>No exceptions.</li>
          }
        </ul>
        <div class="window">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Date</mat-label>
            <input matInput type="date" [ngModel]="newException().date" (ngModelChange)="patchException({ date: $event })" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Kind</mat-label>
            <select matNativeControl [ngModel]="newException().kind" (ngModelChange)="patchException({ kind: $event })">
              <option value="unavailable">Unavailable</option>
              <option value="available">Extra hours</option>
            </select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>From (optional)</mat-label>
            <input matInput type="time" [ngModel]="newException().startTime" (ngModelChange)="patchException({ startTime: $event })" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>To (optional)</mat-label>
            <input matInput type="time" [ngModel]="newException().endTime" (ngModelChange)="patchException({ endTime: $event })" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Reason (optional)</mat-label>
            <input matInput [ngModel]="newException().reason" (ngModelChange)="patchException({ reason: $event })" maxlength="200" />
          </mat-form-field>
          <button matButton="outlined" type="button" [disabled]="!newException().date" (click)="addException()">Add exception</button>
        </div>
      </section>
    }
  `,
})
export class AvailabilityPage {
  private readonly api = inject(SchedulingApi);
  protected readonly directory = inject(StaffDirectory);
  protected readonly WEEKDAYS = WEEKDAYS;

  protected readonly people = computed(() => {
    const seen = new Map<string, string>();
    for (const p of [...this.directory.teachers(), ...this.directory.accompanists()]) seen.set(p.id, p.name);
    const me = this.directory.user();
    if (me && !seen.has(me.id) && !me.roles.includes('admin')) seen.set(me.id, me.name);
    return [...seen].map(([id, name]) => ({ id, name }));
  });
  protected readonly personId = signal('');
  protected readonly windows = signal<EditableWindow[]>([]);
  protected readonly bufferMinutes = signal(0);
  protected readonly exceptions = signal<AvailabilityException[]>([]);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly saving = signal(false);
  protected readonly newException = signal<NewException>({ date: '', kind: 'unavailable', startTime: '', endTime: '', reason: '' });
  private nextKey = 1;

  protected readonly byDay = computed(() =>
    WEEKDAYS.map((day) => ({ ...day, windows: this.windows().filter((w) => w.weekday === day.value).sort((a, b) => a.startTime.localeCompare(b.startTime)) })),
  );

  constructor() {
    this.directory.load();
    const me = this.directory.user();
    if (me && !me.roles.includes('admin')) this.select(me.id);
  }

  protected select(personId: string): void {
    this.personId.set(personId);
    this.status.set('');
    this.problem.set(null);
    if (!personId) return;
    this.api.availability(personId).subscribe({
      next: (a) => {
        this.windows.set(a.windows.map((w) => ({ ...w, key: this.nextKey++ })));
        this.bufferMinutes.set(a.bufferMinutes);
        this.exceptions.set(a.exceptions);
      },
      error: (error: unknown) => this.problem.set(toProblem(error)),
    });
  }

  protected addWindow(weekday: number): void {
    this.windows.update((all) => [...all, { weekday, startTime: '09:00', endTime: '17:00', key: this.nextKey++ }]);
  }

  protected updateWindow(key: number, field: 'startTime' | 'endTime', value: string): void {
    this.windows.update((all) => all.map((w) => (w.key === key ? { ...w, [field]: value } : w)));
  }

  protected removeWindow(key: number): void {
    this.windows.update((all) => all.filter((w) => w.key !== key));
  }

  protected save(): void {
    const invalid = this.windows().find((w) => !w.startTime || !w.endTime || w.startTime >= w.endTime);
    if (invalid) {
      this.status.set(`Check ${WEEKDAYS[invalid.weekday - 1].label}: each window must end after it starts.`);
      return;
    }
    this.saving.set(true);
    this.api
      .setAvailability(this.personId(), {
        windows: this.windows().map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })),
        bufferMinutes: Number(this.bufferMinutes()) || 0,
      })
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.status.set('Availability saved.');
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.problem.set(toProblem(error));
        },
      });
  }

  protected patchException(patch: Partial<NewException>): void {
    this.newException.update((e) => ({ ...e, ...patch }));
  }

  protected addException(): void {
    const e = this.newException();
    if (!e.date) return;
    this.api
      .addException(this.personId(), {
        date: e.date,
        kind: e.kind,
        startTime: e.startTime || null,
        endTime: e.endTime || null,
        reason: e.reason.trim() || null,
      })
      .subscribe({
        next: (added) => {
          this.exceptions.update((all) => [...all, added].sort((a, b) => a.date.localeCompare(b.date)));
          this.newException.set({ date: '', kind: 'unavailable', startTime: '', endTime: '', reason: '' });
          this.status.set('Exception added.');
        },
        error: (error: unknown) => this.problem.set(toProblem(error)),
      });
  }
}
