import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** Admin settings for scheduling: a sub-navigation over rooms, terms and closures, lesson types and the policy. */
@Component({
  selector: 'cz-settings-page',
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <h1>Settings</h1>
    <nav aria-label="Settings" class="subnav">
      <ul>
        @for (link of links; track link.path) {
          <li>
            <a [routerLink]="link.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ link.label }}</a>
          </li>
        }
      </ul>
    </nav>
    <router-outlet />
  `,
})
export class SettingsPage {
  protected readonly links = [
    { path: 'rooms', label: 'Rooms' },
    { path: 'terms', label: 'Terms & closures' },
    { path: 'rollover', label: 'Term rollover' },
    { path: 'lesson-types', label: 'Lesson types' },
    { path: 'policy', label: 'Policy' },
  ];
}
