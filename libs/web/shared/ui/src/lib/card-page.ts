import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { CadenzaLogo } from './cadenza-logo';

/** A page that is just one centred card under the Cadenza brand: sign in, switch app. */
@Component({
  selector: 'cz-card-page',
  imports: [MatCardModule, CadenzaLogo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      min-height: 100vh;
      min-height: 100dvh;
      padding: 48px 16px;
      background:
        radial-gradient(circle at 20% 0%, color-mix(in srgb, var(--mat-sys-primary) 14%, transparent), transparent 55%),
        var(--mat-sys-surface-container-low);
    }
    main {
      max-width: 420px;
      margin: 0 auto;
    }
    .brand {
      display: flex;
      gap: 12px;
      align-items: center;
      justify-content: center;
      margin-bottom: 24px;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-on-surface);
    }
    .product {
      margin-left: 0.3em;
      color: var(--mat-sys-on-surface-variant);
      font-weight: 400;
    }
    mat-card {
      padding: 16px 8px 8px;
    }
    @media (max-width: 480px) {
      :host {
        padding: 24px 12px;
      }
    }
  `,
  template: `
    <main id="main">
      <div class="brand">
        <cz-cadenza-logo [size]="36" />
        <span><strong>Cadenza</strong> <span class="product">{{ product() }}</span></span>
      </div>
      <mat-card appearance="outlined">
        <mat-card-content>
          <ng-content />
        </mat-card-content>
      </mat-card>
    </main>
  `,
})
export class CardPage {
  readonly product = input.required<string>();
}
