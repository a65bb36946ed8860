import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { APP_PROFILE, AuthStore, navFor, SIGN_IN_PATH } from '@cadenza/web/shared/data-access-api';
import { ShellLayout } from '@cadenza/web/shared/ui';

/** The signed-in frame of an app: the shell layout fed from the session and the app's profile. */
@Component({
  selector: 'cz-app-shell',
  imports: [ShellLayout, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cz-shell-layout
      [product]="profile.product"
      [schoolName]="user()?.school?.name"
      [userName]="user()?.name"
      [nav]="nav()"
      [signingOut]="signingOut()"
      (signOut)="signOut()"
    >
      <router-outlet />
    </cz-shell-layout>
  `,
})
export class AppShell {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly profile = inject(APP_PROFILE);
  protected readonly user = this.store.user;
  protected readonly nav = computed(() => navFor(this.profile, this.user()).map(({ label, path }) => ({ label, path })));
  protected readonly signingOut = signal(false);

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
