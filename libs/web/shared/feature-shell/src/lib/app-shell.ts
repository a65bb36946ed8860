import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, Injector, runInInjectionContext, signal, type OnInit, type Type } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { APP_PROFILE, AuthStore, navFor, SIGN_IN_PATH, type NavBadge } from '@cadenza/web/shared/data-access-api';
import { SHELL_TOOLBAR_ITEMS, ShellLayout } from '@cadenza/web/shared/ui';

/** The signed-in frame of an app: the shell layout fed from the session and the app's profile, with the app's toolbar controls. */
@Component({
  selector: 'cz-app-shell',
  imports: [ShellLayout, RouterOutlet, NgComponentOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .toolbar-items {
      display: inline-flex;
      align-items: center;
    }
  `,
  template: `
    <cz-shell-layout
      [product]="profile.product"
      [schoolName]="user()?.school?.name"
      [userName]="user()?.name"
      [nav]="nav()"
      [signingOut]="signingOut()"
      (signOut)="signOut()"
    >
      <span shellToolbar class="toolbar-items">
        @for (item of toolbarItems(); track $index) {
          <ng-container *ngComponentOutlet="item" />
        }
      </span>
      <router-outlet />
    </cz-shell-layout>
  `,
})
export class AppShell implements OnInit {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly profile = inject(APP_PROFILE);
  protected readonly user = this.store.user;
  private readonly injector = inject(Injector);
  /** Each badge's source, made once (the services behind them live as long as the app). */
  private readonly badges = new Map<string, NavBadge>();
  protected readonly nav = computed(() =>
    navFor(this.profile, this.user()).map(({ label, path, badge }) => {
      const source = badge ? this.badgeOf(path, badge) : null;
      const count = source?.count() ?? 0;
      return { label, path, badge: count > 0 ? count : null, badgeLabel: count > 0 && source ? source.describe(count) : null };
    }),
  );

  private badgeOf(path: string, make: () => NavBadge): NavBadge {
    let source = this.badges.get(path);
    if (!source) {
      source = runInInjectionContext(this.injector, make);
      this.badges.set(path, source);
    }
    return source;
  }
  protected readonly signingOut = signal(false);
  protected readonly toolbarItems = signal<Type<unknown>[]>([]);
  private readonly toolbarLoaders = inject(SHELL_TOOLBAR_ITEMS);

  ngOnInit(): void {
    // A control that fails to load is left out; the page still works.
    void Promise.all(this.toolbarLoaders.map((load) => load().catch(() => null))).then((items) =>
      this.toolbarItems.set(items.filter((item): item is Type<unknown> => item !== null)),
    );
  }

  protected signOut(): void {
    this.signingOut.set(true);
    this.store.logout().subscribe({
      complete: () => {
        this.signingOut.set(false);
        void this.router.navigateByUrl(SIGN_IN_PATH);
      },
    });
  }
}
