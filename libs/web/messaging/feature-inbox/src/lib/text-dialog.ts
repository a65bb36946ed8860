import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import type { Observable } from 'rxjs';

export interface TextDialogData {
  title: string;
  /** A sentence above the field (what will happen). */
  intro?: string;
  label: string;
  /** The field the server names in its problem details (`body`, `reason`). */
  field: string;
  initial?: string;
  confirm: string;
  /** Sends the text; the dialog closes with the result, or shows the server's refusal. */
  submit: (text: string) => Observable<unknown>;
}

/** Asks for one text (an edited message, a flag's reason) and shows the server's problem next to the field. */
@Component({
  selector: 'cz-text-dialog',
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .intro {
      margin: 0 0 12px;
    }
    mat-form-field {
      width: 100%;
    }
    .field-error {
      margin: -12px 0 8px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    cz-problem-alert {
      display: block;
      margin-bottom: 12px;
    }
  `,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form (ngSubmit)="save()">
      <mat-dialog-content>
        @if (data.intro) {
          <p class="intro">{{ data.intro }}</p>
        }
        @if (problem() && !fieldError()) {
          <cz-problem-alert [problem]="problem()" />
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ data.label }}</mat-label>
          <textarea matInput name="text" rows="4" maxlength="20000" cdkFocusInitial [ngModel]="text()" (ngModelChange)="text.set($event)"></textarea>
        </mat-form-field>
        @if (fieldError()) {
          <p class="field-error" role="alert">{{ data.label }}: {{ fieldError() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close>Cancel</button>
        <button matButton="filled" type="submit" [disabled]="pending()">{{ data.confirm }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class TextDialog {
  protected readonly data = inject<TextDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<TextDialog, unknown>);
  protected readonly text = signal(this.data.initial ?? '');
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = signal<string | null>(null);

  protected save(): void {
    this.pending.set(true);
    this.data.submit(this.text()).subscribe({
      next: (result) => this.ref.close(result ?? true),
      error: (error: unknown) => {
        const problem = toProblem(error);
        this.problem.set(problem);
        this.fieldError.set(fieldErrors(problem)[this.data.field] ?? null);
        this.pending.set(false);
      },
    });
  }
}
