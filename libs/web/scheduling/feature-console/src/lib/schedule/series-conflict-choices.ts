import { ChangeDetectionStrategy, Component, input, model, type WritableSignal } from '@angular/core';
import type { CreateSeriesRequest, SeriesConflictProblem } from '@cadenza/shared/contracts';
import { CONFLICT_LABELS, formatSlot, seriesConflictOf } from '@cadenza/web/scheduling/data-access';

export type SeriesOccurrence = SeriesConflictProblem['occurrences'][number];
/** Per clashing date: `skip`, or the index of the chosen suggestion. */
export type SeriesChoices = Record<string, string>;

/** The choices made for a series' clashing dates, as creating a series (or approving a series request) takes them. */
export function resolutionsFrom(occurrences: readonly SeriesOccurrence[], choices: SeriesChoices): CreateSeriesRequest['resolutions'] {
  const resolutions: CreateSeriesRequest['resolutions'] = [];
  for (const occurrence of occurrences) {
    const choice = choices[occurrence.date];
    const suggestion = choice && choice !== 'skip' ? occurrence.suggestions[Number(choice)] : undefined;
    if (suggestion) resolutions.push({ date: occurrence.date, action: 'move', start: suggestion.start, end: suggestion.end });
    else if (choice === 'skip') resolutions.push({ date: occurrence.date, action: 'skip' });
  }
  return resolutions;
}

/** The choices still kept once the server answers with the dates that clash now. */
export function choicesStillClashing(occurrences: readonly SeriesOccurrence[], choices: SeriesChoices): SeriesChoices {
  const kept: SeriesChoices = {};
  for (const o of occurrences) if (choices[o.date]) kept[o.date] = choices[o.date];
  return kept;
}

/**
 * When the server refused a series for its clashing dates: shows the dates that clash now, keeping the choices made
 * for those, and answers true; anything else is left to the caller (false).
 */
export function takeSeriesConflict(error: unknown, state: { occurrences: WritableSignal<SeriesOccurrence[]>; choices: WritableSignal<SeriesChoices> }): boolean {
  const series = seriesConflictOf(error);
  if (!series) return false;
  state.choices.set(choicesStillClashing(series.occurrences, state.choices()));
  state.occurrences.set(series.occurrences);
  return true;
}

/** Each clashing date of a series with what it clashes with, and a choice: skip it, or move it to one of the free times. */
@Component({
  selector: 'cz-series-conflict-choices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './dialog.scss',
  template: `
    @for (o of occurrences(); track o.date) {
      <fieldset class="occurrence" data-testid="series-occurrence">
        <legend>{{ slot(o.start, o.end) }}</legend>
        <ul>
          @for (c of o.conflicts; track $index) {
            <li>
              <strong>{{ LABELS[c.kind] }}</strong> ({{ c.severity }}): {{ c.message }}
            </li>
          }
        </ul>
        <div class="choices">
          <label class="choice">
            <input type="radio" [name]="'choice-' + o.date" value="skip" [checked]="choices()[o.date] === 'skip'" (change)="choose(o.date, 'skip')" />
            Skip this date
          </label>
          @for (s of o.suggestions; track s.start; let i = $index) {
            <label class="choice">
              <input type="radio" [name]="'choice-' + o.date" [value]="'' + i" [checked]="choices()[o.date] === '' + i" (change)="choose(o.date, '' + i)" />
              Move to {{ slot(s.start, s.end) }}
            </label>
          }
        </div>
      </fieldset>
    }
  `,
})
export class SeriesConflictChoices {
  readonly occurrences = input.required<readonly SeriesOccurrence[]>();
  readonly timeZone = input.required<string>();
  readonly choices = model<SeriesChoices>({});
  protected readonly LABELS = CONFLICT_LABELS;

  protected choose(date: string, value: string): void {
    this.choices.update((c) => ({ ...c, [date]: value }));
  }

  protected slot(start: string, end: string): string {
    return formatSlot(start, end, this.timeZone());
  }
}
