import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { CadenzaLogo } from './cadenza-logo';

export interface ShellNavItem {
  label: string;
  path: string;
  /** A count beside the label (unread messages); null shows none. */
  badge?: number | null;
  /** What a screen reader hears for the badge, e.g. `3 unread`. */
  badgeLabel?: string | null;
}

/** The signed-in frame: a toolbar (brand, school, user, sign out), the main navigation and the page. */
@Component({
  selector: 'cz-shell-layout',
  imports: [MatToolbarModule, MatButtonModule, RouterLink, RouterLinkActive, CadenzaLogo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './shell-layout.scss',
  templateUrl: './shell-layout.html',
})
export class ShellLayout {
  readonly product = input.required<string>();
  readonly schoolName = input<string | null | undefined>(null);
  readonly userName = input<string | null | undefined>(null);
  readonly nav = input<readonly ShellNavItem[]>([]);
  readonly signingOut = input(false);
  readonly signOut = output<void>();

  protected skipToMain(event: Event, main: HTMLElement): void {
    event.preventDefault();
    main.focus();
  }
}
