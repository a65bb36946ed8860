import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ProblemDetails } from '@cadenza/shared/contracts';

/** Shows an API problem (RFC 9457) as an alert: its title, and its detail when there is one. */
@Component({
  selector: 'cz-problem-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .alert {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    svg {
      flex: none;
      width: 20px;
      height: 20px;
      margin-top: 2px;
    }
    p {
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .title {
      font-weight: 600;
    }
  `,
  template: `
    @if (problem(); as problem) {
      <div class="alert" role="alert">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2v2zm0-4h-2V7h2v6z" />
        </svg>
        <div>
          <p class="title">{{ problem.title }}</p>
          @if (problem.detail && problem.detail !== problem.title) {
            <p>{{ problem.detail }}</p>
          }
        </div>
      </div>
    }
  `,
})
export class ProblemAlert {
  readonly problem = input<ProblemDetails | null>(null);
}
