import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { PracticeApi } from '@cadenza/web/attendance/data-access-practice';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

interface EditedLevel {
  id?: string;
  name: string;
}

/**
 * Admins keep the school's progress scale: its name and its levels lowest first. A level keeps its id when renamed
 * or moved; the server refuses to remove one recorded for a student (409), which is shown above the form.
 */
@Component({
  selector: 'cz-scale-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 560px;
    }
    h1 {
      margin: 0 0 12px;
      font: var(--mat-sys-headline-small);
    }
    ol {
      margin: 0 0 8px;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 8px;
    }
    li mat-form-field {
      flex: 1 1 180px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .saved {
      color: var(--mat-sys-primary);
    }
  `,
  template: `
    <h1>Progress scale</h1>
    <cz-problem-alert [problem]="problem()" />
    <form (submit)="save($event)" aria-label="Progress scale">
      <mat-form-field>
        <mat-label>Name of the scale</mat-label>
        <input matInput name="scaleName" required maxlength="100" [value]="name()" (input)="name.set(value($event))" />
      </mat-form-field>
      <ol aria-label="Levels, lowest first">
        @for (level of levels(); track $index; let i = $index) {
          <li>
            <mat-form-field>
              <mat-label>Level {{ i + 1 }}</mat-label>
              <input matInput required maxlength="100" [value]="level.name" (input)="rename(i, value($event))" />
            </mat-form-field>
            <button mat-button type="button" [disabled]="i === 0" (click)="move(i, -1)" [attr.aria-label]="'Lower ' + level.name">Lower</button>
            <button mat-button type="button" (click)="remove(i)" [attr.aria-label]="'Remove ' + level.name">Remove</button>
          </li>
        }
      </ol>
      <div class="row">
        <button mat-stroked-button type="button" (click)="add()">Add a level</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Save the scale</button>
        @if (saved()) {
          <span class="saved" role="status">Saved.</span>
        }
      </div>
    </form>
  `,
})
export class ScalePage {
  private readonly api = inject(PracticeApi);
  protected readonly name = signal('');
  protected readonly levels = signal<EditedLevel[]>([]);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);

  constructor() {
    this.api.scale().subscribe({ next: (scale) => this.show(scale), error: (error: unknown) => this.problem.set(toProblem(error)) });
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
  protected rename(index: number, name: string): void {
    this.levels.update((levels) => levels.map((l, i) => (i === index ? { ...l, name } : l)));
  }
  protected move(index: number, by: number): void {
    this.levels.update((levels) => {
      const next = [...levels];
      const [level] = next.splice(index, 1);
      if (level) next.splice(index + by, 0, level);
      return next;
    });
  }
  protected remove(index: number): void {
    this.levels.update((levels) => levels.filter((_, i) => i !== index));
  }
  protected add(): void {
    this.levels.update((levels) => [...levels, { name: '' }]);
  }

  protected save(event: Event): void {
    event.preventDefault();
    this.busy.set(true);
    this.saved.set(false);
    this.api.saveScale({ name: this.name(), levels: this.levels().map((l) => (l.id ? { id: l.id, name: l.name } : { name: l.name })) }).subscribe({
      next: (scale) => {
        this.show(scale);
        this.saved.set(true);
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.busy.set(false);
      },
    });
  }

  private show(scale: { name: string; levels: { id: string; name: string }[] }): void {
    this.name.set(scale.name);
    this.levels.set(scale.levels.map((l) => ({ ...l })));
    this.problem.set(null);
    this.busy.set(false);
  }
}
