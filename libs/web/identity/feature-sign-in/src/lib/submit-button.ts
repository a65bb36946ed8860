import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** A card form's submit button: its label, or a spinner and `pendingLabel` while the request runs (and disabled then). */
@Component({
  selector: 'cz-submit-button',
  imports: [MatButtonModule, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: contents;
    }
    .submit {
      height: 48px;
      margin-top: 8px;
    }
    mat-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
    }
  `,
  template: `
    <button matButton="filled" type="submit" class="submit" [disabled]="pending()">
      @if (pending()) {
        <mat-spinner diameter="20" aria-hidden="true" />
        <span>{{ pendingLabel() }}</span>
      } @else {
        <span>{{ label() }}</span>
      }
    </button>
  `,
})
export class SubmitButton {
  readonly label = input.required<string>();
  readonly pendingLabel = input.required<string>();
  readonly pending = input(false);
}
