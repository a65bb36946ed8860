import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
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

/**
 * The signed-in frame: a toolbar (brand, school, the user's name linking to their account, sign
 * out), the main navigation and the page. On a phone (under 600 px) the navigation is a menu
 * opened from the toolbar instead of rows of links.
 */
@Component({
  selector: 'cz-shell-layout',
  imports: [MatToolbarModule, MatButtonModule, RouterLink, RouterLinkActive, CadenzaLogo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './shell-layout.scss',
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event, main)">Skip to main content</a>
    <header class="header">
      <mat-toolbar class="toolbar">
        <a class="brand" routerLink="/">
          <cz-cadenza-logo [size]="28" />
          <span class="brand-text"><strong>Cadenza</strong> <span class="product">{{ product() }}</span></span>
        </a>
        @if (schoolName()) {
          <span class="school" data-testid="shell-school">{{ schoolName() }}</span>
        }
        <span class="spacer"></span>
        <ng-content select="[shellToolbar]" />
        @if (userName()) {
          <a class="user" data-testid="shell-user" routerLink="/account" routerLinkActive="active" [attr.aria-label]="'Account: ' + userName()">{{ userName() }}</a>
        }
        @if (nav().length) {
          <button
            matButton="outlined"
            type="button"
            class="menu-button"
            data-testid="shell-menu-button"
            aria-controls="shell-nav"
            [attr.aria-expanded]="menuOpen()"
            (click)="menuOpen.set(!menuOpen())"
          >
            Menu
          </button>
        }
        <button matButton="outlined" type="button" class="sign-out" [disabled]="signingOut()" (click)="signOut.emit()">
          Sign out
        </button>
      </mat-toolbar>
      @if (nav().length) {
        <nav class="nav" id="shell-nav" aria-label="Main" [class.open]="menuOpen()">
          <ul>
            @for (item of nav(); track item.path) {
              <li>
                <a
                  [routerLink]="item.path"
                  routerLinkActive="active"
                  [routerLinkActiveOptions]="{ exact: item.path === '/' }"
                  ariaCurrentWhenActive="page"
                  [attr.aria-label]="item.badge ? item.label + ', ' + item.badgeLabel : null"
                  [attr.data-badge]="item.badge ? (item.badge > 99 ? '99+' : item.badge) : null"
                  (click)="menuOpen.set(false)"
                  >{{ item.label }}</a
                >
              </li>
            }
            <!-- On a phone the toolbar hides the user's name (the link to their account): the menu has it. -->
            <li class="account-item">
              <a routerLink="/account" routerLinkActive="active" ariaCurrentWhenActive="page" (click)="menuOpen.set(false)">Account</a>
            </li>
          </ul>
        </nav>
      }
    </header>
    <main id="main" #main tabindex="-1" class="content">
      <ng-content />
    </main>
  `,
})
export class ShellLayout {
  readonly product = input.required<string>();
  readonly schoolName = input<string | null | undefined>(null);
  readonly userName = input<string | null | undefined>(null);
  readonly nav = input<readonly ShellNavItem[]>([]);
  readonly signingOut = input(false);
  readonly signOut = output<void>();
  /** The navigation is open as a menu (on a phone; wider screens always show it). */
  protected readonly menuOpen = signal(false);

  protected skipToMain(event: Event, main: HTMLElement): void {
    event.preventDefault();
    main.focus();
  }
}
