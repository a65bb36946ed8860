import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** A settings form's buttons: the one that submits it, and Cancel while it changes a kept record. */
@Component({
  selector: 'cz-form-buttons',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: ':host { display: contents; }',
  template: `
    <button matButton="filled" type="submit">{{ submit() }}</button>
    @if (editing()) {
      <button matButton type="button" (click)="cancelled.emit()">Cancel</button>
    }
  `,
})
export class FormButtons {
  readonly submit = input.required<string>();
  readonly editing = input(false);
  readonly cancelled = output<void>();
}
