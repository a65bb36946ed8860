import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { hoursInWords, noticeInWords, type CancellationPreview } from '@cadenza/web/scheduling/util';

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
        <p>The school asks for {{ notice(p.noticeHours) }} to cancel a lesson.</p>
        @if (p.lateCancellation) {
          <p><strong>The notice is not met{{ away(p, 'starts in') }}.</strong> If the cancellation is approved, it counts as late and no makeup credit is given.</p>
        } @else {
          <p><strong>The notice is met{{ away(p, 'is') }}.</strong> If the cancellation is approved, a makeup credit is granted for another lesson.</p>
        }
      </div>
    }
  `,
})
export class CancellationPolicyNotice {
  readonly preview = input<CancellationPreview | null>(null);
  protected readonly notice = noticeInWords;

  /** ": the lesson is 14 days away" / ": the lesson starts in 5 hours", when the preview knows. */
  protected away(p: CancellationPreview, verb: 'is' | 'starts in'): string {
    if (p.hoursBefore === undefined) return '';
    return verb === 'is' ? `: the lesson is ${hoursInWords(p.hoursBefore)} away` : `: the lesson starts in ${hoursInWords(p.hoursBefore)}`;
  }
}
