import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** Billing for admins: the month's run, the invoices, the rates and the settings, as tabs, each a page of its own. */
@Component({
  selector: 'cz-billing-shell',
  imports: [MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 1100px;
    }
    h1 {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-small);
    }
    nav {
      margin-bottom: 16px;
    }
  `,
  template: `
    <h1>Billing</h1>
    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Billing">
      @for (tab of tabs; track tab.path) {
        <a mat-tab-link [routerLink]="tab.path" routerLinkActive #active="routerLinkActive" [active]="active.isActive">{{ tab.label }}</a>
      }
    </nav>
    <mat-tab-nav-panel #panel>
      <router-outlet />
    </mat-tab-nav-panel>
  `,
})
export class BillingShell {
  protected readonly tabs = [
    { path: 'run', label: 'Run' },
    { path: 'invoices', label: 'Invoices' },
    { path: 'rates', label: 'Rates' },
    { path: 'settings', label: 'Settings' },
  ];
}
