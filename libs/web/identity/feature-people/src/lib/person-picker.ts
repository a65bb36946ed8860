import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

export interface PickablePerson {
  id: string;
  name: string;
  /** Null for someone without a sign-in of their own (a young student). */
  email: string | null;
}

/** Up to `limit` of the people whose name or email holds the text (any case), leaving out those given. */
export function peopleMatching(people: readonly PickablePerson[], text: string, leaveOut: readonly string[], limit = 8): PickablePerson[] {
  const q = text.trim().toLowerCase();
  return people.filter((p) => !leaveOut.includes(p.id) && (!q || p.name.toLowerCase().includes(q) || (p.email ?? '').includes(q))).slice(0, limit);
}

/** A field that finds someone of the school by name or email and says whom was picked. */
@Component({
  selector: 'cz-person-picker',
  imports: [MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input matInput type="text" [value]="typed()" (input)="typed.set($any($event.target).value); picked.emit(null)" [matAutocomplete]="auto" />
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="pick($event)">
        @for (p of options(); track p.id) {
          <mat-option [value]="p.id">{{ p.name }}{{ p.email ? ' · ' + p.email : '' }}</mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
})
export class PersonPicker {
  readonly label = input.required<string>();
  readonly people = input.required<readonly PickablePerson[]>();
  readonly leaveOut = input<readonly string[]>([]);
  readonly picked = output<PickablePerson | null>();
  protected readonly typed = signal('');
  protected readonly options = computed(() => peopleMatching(this.people(), this.typed(), this.leaveOut()));

  protected pick(event: MatAutocompleteSelectedEvent): void {
    const person = this.people().find((p) => p.id === event.option.value) ?? null;
    this.typed.set(person?.name ?? '');
    this.picked.emit(person);
  }

  /** Empties the field after the person was added. */
  clear(): void {
    this.typed.set('');
  }
}
