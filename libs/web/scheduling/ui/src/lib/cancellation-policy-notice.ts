import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { CancellationPreview } from '@cadenza/web/scheduling/util';

/** The school's cancellation policy applied to one lesson, shown before the cancellation is confirmed. */
@Component({
  selector: 'cz-cancellation-policy-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .notice {
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .late {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    p {
      margin: 0 0 4px;
    }
  `,
  template: `
    @if (preview(); as p) {
      <div class="notice" [class.late]="p.lateCancellation" data-testid="cancellation-policy">
        <p>The school asks for {{ p.noticeHours }} hours' notice to cancel a lesson.</p>
        @if (p.lateCancellation) {
          <p><strong>This is a late cancellation.</strong> No makeup credit will be granted.</p>
        } @else {
          <p><strong>You are within the notice period.</strong> A makeup credit will be granted.</p>
        }
      </div>
    }
  `,
})
export class CancellationPolicyNotice {
  readonly preview = input<CancellationPreview | null>(null);
}
