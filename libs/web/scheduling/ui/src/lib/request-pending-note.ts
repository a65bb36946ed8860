import { ChangeDetectionStrategy, Component } from '@angular/core';

/**
 * "Request pending" beside a lesson that a request is open about, followed by what the page puts inside (a link to the
 * request, in words). The console's lesson page and the portal's lessons show it.
 */
@Component({
  selector: 'cz-request-pending-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'request-pending' },
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      margin: 4px 0 8px;
    }
    .badge {
      padding: 2px 8px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-label-medium);
    }
  `,
  template: `<span class="badge">Request pending</span><ng-content />`,
})
export class RequestPendingNote {}
