import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { RolloverDate, RolloverPreview, RolloverResult, RolloverSeriesPreview, Term } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { formatSlot, nameOf, recurrenceInWords } from '@cadenza/web/scheduling/util';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

/** What to do with one clashing date: skip it, or move it to one of the free times offered (by its index). */
type DateChoice = 'skip' | `move:${number}`;

interface SeriesChoice {
  copy: boolean;
  dates: Record<string, DateChoice>;
}

/**
 * Term rollover: pick the term to copy from and the one to copy into, see each weekly series with the dates its copy
 * would have and every clash (skip the date or move it to a free time offered), choose the series to copy, and copy
 * them all at once. Copying again creates nothing: series already copied say so.
 */
@Component({
  selector: 'cz-rollover-settings',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatSelectModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./settings.scss', './rollover-settings.scss'],
  template: `
    <h2>Term rollover</h2>
    <p>Copy a term's weekly lessons into the next term. Every clash is listed before anything is created.</p>
    <form class="card row" (ngSubmit)="preview()">
      @for (pick of picks; track pick.name) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="term">
          <mat-label>{{ pick.label }}</mat-label>
          <mat-select [name]="pick.name" [ngModel]="pick.value()" (ngModelChange)="pick.value.set($event); clear()">
            @for (term of terms(); track term.id) {
              <mat-option [value]="term.id">{{ term.name }} ({{ term.startDate }} – {{ term.endDate }})</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <button matButton="filled" type="submit" [disabled]="!sourceId() || !targetId() || loading.saving()">Preview</button>
    </form>
    <cz-problem-alert class="block" [problem]="loading.problem()" />
    <p class="status" role="status">{{ loading.saving() ? 'Checking the timetable…' : loading.status() }}</p>

    @if (view(); as v) {
      <h3>{{ v.series.length }} series in {{ v.source.name }}</h3>
      @if (v.series.length === 0) {
        <p>No weekly series runs to the end of {{ v.source.name }}.</p>
      }
      <ul class="series" aria-label="Series to copy">
        @for (s of v.series; track s.source.id) {
          <li class="card" data-testid="rollover-series">
            <div class="head">
              @if (s.copyId) {
                <strong>{{ describe(s) }}</strong>
                <span class="chip done">Already copied</span>
              } @else if (s.problem) {
                <strong>{{ describe(s) }}</strong>
                <span class="chip bad">Cannot copy</span>
              } @else {
                <mat-checkbox [checked]="choice(s).copy" (change)="setCopy(s, $event.checked)">{{ describe(s) }}</mat-checkbox>
                <span class="chip" [class.bad]="clashes(s).length > 0">{{ clashWords(s) }}</span>
              }
            </div>
            @if (s.problem) {
              <p class="why">{{ s.problem.message }}</p>
            } @else if (!s.copyId) {
              <p class="dates">{{ s.dates.length }} lessons, {{ first(s) }} to {{ last(s) }}@if (s.closureDates.length) {; none on {{ s.closureDates.join(', ') }} (closed)}.</p>
              @if (choice(s).copy) {
                @for (d of clashes(s); track d.date) {
                  <fieldset class="clash">
                    <legend>{{ slot(d) }}</legend>
                    <ul class="conflicts">
                      @for (c of d.conflicts; track $index) {
                        <li>{{ c.message }}</li>
                      }
                    </ul>
                    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
                      <mat-label>{{ 'On ' + d.date }}</mat-label>
                      <mat-select [ngModel]="choice(s).dates[d.date] ?? 'skip'" (ngModelChange)="setDate(s, d.date, $event)" [name]="s.source.id + d.date">
                        <mat-option value="skip">Skip this date</mat-option>
                        @for (f of d.suggestions; track $index) {
                          <mat-option [value]="'move:' + $index">Move to {{ slotOf(f.start, f.end) }}</mat-option>
                        }
                      </mat-select>
                    </mat-form-field>
                  </fieldset>
                }
              }
            }
          </li>
        }
      </ul>
      <div class="row commit">
        <button matButton="filled" type="button" (click)="commit(v)" [disabled]="committing.saving() || chosen(v) === 0">Copy {{ chosen(v) }} series into {{ v.target.name }}</button>
      </div>
      <cz-problem-alert class="block" [problem]="committing.problem()" />
    }
    <p class="status" role="status">{{ done() }}</p>
  `,
})
export class RolloverSettings {
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  protected readonly terms = signal<Term[]>([]);
  protected readonly sourceId = signal('');
  protected readonly targetId = signal('');
  protected readonly picks = [
    { name: 'source', label: 'Copy from', value: this.sourceId },
    { name: 'target', label: 'Copy into', value: this.targetId },
  ];
  protected readonly view = signal<RolloverPreview | null>(null);
  protected readonly choices = signal<Record<string, SeriesChoice>>({});
  protected readonly loading = new FormState();
  protected readonly committing = new FormState();
  protected readonly done = signal('');
  private readonly names = computed(() => new Map((this.view()?.people ?? []).map((p) => [p.id, p.name])));

  constructor() {
    this.directory.load();
    this.loading.load(this.api.terms(), (terms) => {
      const sorted = [...terms].sort((a, b) => a.startDate.localeCompare(b.startDate));
      this.terms.set(sorted);
      const today = new Date().toISOString().slice(0, 10);
      const current = sorted.find((t) => t.startDate <= today && today <= t.endDate) ?? sorted.find((t) => t.startDate > today);
      const next = current ? sorted.find((t) => t.startDate > current.endDate) : undefined;
      this.sourceId.set(current?.id ?? '');
      this.targetId.set(next?.id ?? '');
    });
  }

  protected clear(): void {
    this.view.set(null);
    this.done.set('');
    this.committing.problem.set(null);
  }

  protected preview(): void {
    this.clear();
    this.loading.save(this.api.rolloverPreview(this.sourceId(), this.targetId()), (preview) => this.show(preview), (p) => `${p.series.length} series checked against ${p.target.name}.`);
  }

  private show(preview: RolloverPreview): void {
    this.view.set(preview);
    this.choices.set(Object.fromEntries(preview.series.map((s) => [s.source.id, { copy: !s.copyId && !s.problem, dates: {} }])));
  }

  protected choice(s: RolloverSeriesPreview): SeriesChoice {
    return this.choices()[s.source.id] ?? { copy: false, dates: {} };
  }

  protected setCopy(s: RolloverSeriesPreview, copy: boolean): void {
    this.choices.update((all) => ({ ...all, [s.source.id]: { ...this.choice(s), copy } }));
  }

  protected setDate(s: RolloverSeriesPreview, date: string, value: DateChoice): void {
    this.choices.update((all) => ({ ...all, [s.source.id]: { ...this.choice(s), dates: { ...this.choice(s).dates, [date]: value } } }));
  }

  protected clashes(s: RolloverSeriesPreview): RolloverDate[] {
    return s.dates.filter((d) => d.conflicts.length > 0);
  }

  protected clashWords(s: RolloverSeriesPreview): string {
    const n = this.clashes(s).length;
    return n === 0 ? 'No clashes' : n === 1 ? '1 clash' : `${n} clashes`;
  }

  protected chosen(v: RolloverPreview): number {
    return v.series.filter((s) => !s.copyId && !s.problem && this.choice(s).copy).length;
  }

  /** "Every Monday at 16:00, 45 min: Ana Teacher with Sam Student, Studio 1". */
  protected describe(s: RolloverSeriesPreview): string {
    const names = this.names();
    const students = s.source.studentIds.map((id) => nameOf(names, id)).join(', ');
    const room = s.source.roomId ? `, ${nameOf(this.directory.roomNames(), s.source.roomId, 'a room')}` : '';
    const accompanist = s.source.accompanistId ? ` and ${nameOf(names, s.source.accompanistId)}` : '';
    return `${recurrenceInWords(s.source.rrule)} at ${s.source.startTime}, ${s.source.durationMinutes} min: ${nameOf(names, s.source.teacherId)}${accompanist} with ${students}${room}`;
  }

  protected first(s: RolloverSeriesPreview): string {
    return s.dates[0]?.date ?? '';
  }

  protected last(s: RolloverSeriesPreview): string {
    return s.dates.at(-1)?.date ?? '';
  }

  protected slot(d: RolloverDate): string {
    return this.slotOf(d.start, d.end);
  }

  protected slotOf(start: string, end: string): string {
    return formatSlot(start, end, this.directory.timeZone());
  }

  protected commit(v: RolloverPreview): void {
    const series = v.series
      .filter((s) => !s.copyId && !s.problem)
      .map((s) => {
        const c = this.choice(s);
        if (!c.copy) return { seriesId: s.source.id, action: 'skip' as const, resolutions: [] };
        const resolutions = this.clashes(s).map((d) => {
          const picked = c.dates[d.date] ?? 'skip';
          const slot = picked === 'skip' ? undefined : d.suggestions[Number(picked.slice(5))];
          return slot ? { date: d.date, action: 'move' as const, start: slot.start, end: slot.end } : { date: d.date, action: 'skip' as const };
        });
        return { seriesId: s.source.id, action: 'copy' as const, resolutions };
      });
    this.done.set('');
    this.committing.save(this.api.rollover(v.source.id, { targetTermId: v.target.id, series }), (result) => this.after(result), (r) => this.summary(r));
  }

  private after(result: RolloverResult): void {
    const copies = new Map([...result.created.map((c) => [c.sourceSeriesId, c.series.id] as const), ...result.alreadyCopied.map((c) => [c.sourceSeriesId, c.copyId] as const)]);
    const v = this.view();
    if (v) this.view.set({ ...v, series: v.series.map((s) => ({ ...s, copyId: copies.get(s.source.id) ?? s.copyId })) });
    this.done.set(this.summary(result));
  }

  private summary(r: RolloverResult): string {
    const lessons = r.created.reduce((n, c) => n + c.lessons, 0);
    const parts = [`Copied ${r.created.length} series (${lessons} lessons) into ${r.target.name}.`];
    if (r.alreadyCopied.length) parts.push(`${r.alreadyCopied.length} had been copied before.`);
    if (r.notCopied.length) parts.push(`${r.notCopied.length} not copied.`);
    return parts.join(' ');
  }
}
