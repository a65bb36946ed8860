import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RecentSends } from './recent-sends';
import { ReminderDefaults } from './reminder-defaults';

/**
 * The admins' delivery log page: the school's reminder defaults above the list of what
 * Cadenza recently sent. Each part loads and saves on its own.
 */
@Component({
  selector: 'cz-delivery-log-page',
  imports: [RecentSends, ReminderDefaults],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings-form.scss',
  styles: `
    :host {
      max-width: 1100px;
    }
  `,
  template: `
    <h1>Delivery log</h1>
    <p class="intro">What Cadenza sent to the school's members, in the app and by email, and what it is about to send.</p>

    <cz-reminder-defaults />
    <cz-recent-sends />
  `,
})
export class DeliveryLogPage {}
