import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { APP_PROFILE, AuthStore, SIGN_IN_PATH } from '@cadenza/web/shared/data-access-api';
import { CardPage } from '@cadenza/web/shared/ui';

/** For someone signed in to an app none of their roles may use: points them to the other app. */
@Component({
  selector: 'cz-switch-app-page',
  imports: [MatButtonModule, CardPage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
    p {
      margin: 12px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin-top: 24px;
    }
  `,
  template: `
    <cz-card-page [product]="profile.product">
      <h1>Use the {{ profile.otherApp.name }}</h1>
      <p>
        You are signed in as <strong>{{ user()?.name }}</strong> ({{ user()?.email }}). Cadenza {{ profile.product }} is
        {{ profile.audienceDescription }}.
      </p>
      <p>Your lessons and messages are in the {{ profile.otherApp.name }}.</p>
      <div class="actions">
        <a matButton="filled" [href]="profile.otherApp.url">Go to the {{ profile.otherApp.name }}</a>
        <button matButton="outlined" type="button" [disabled]="signingOut()" (click)="signOut()">Sign out</button>
      </div>
    </cz-card-page>
  `,
})
export class SwitchAppPage {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly profile = inject(APP_PROFILE);
  protected readonly user = this.store.user;
  protected readonly signingOut = signal(false);

  protected signOut(): void {
    this.signingOut.set(true);
    this.store.logout().subscribe({ complete: () => void this.router.navigateByUrl(SIGN_IN_PATH) });
  }
}
