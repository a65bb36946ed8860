import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RecentSends } from './recent-sends';
import { ReminderDefaults } from './reminder-defaults';
import { SETTINGS_FORM_STYLES } from '@cadenza/web/shared/ui';

/**
 * The admins' delivery log page: the school's reminder defaults above the list of what
 * Cadenza recently sent. Each part loads and saves on its own.
 */
@Component({
  selector: 'cz-delivery-log-page',
  imports: [RecentSends, ReminderDefaults],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SETTINGS_FORM_STYLES,
    `
    :host {
      max-width: 1100px;
    }
    `,
  ],
  template: `
    <h1>Delivery log</h1>
    <p class="intro">What Cadenza sent to the school's members, in the app and by email, and what it is about to send.</p>

    <cz-reminder-defaults />
    <cz-recent-sends />
  `,
})
export class DeliveryLogPage {}
