import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** The console's billing (admins): the month's run, the invoices and each invoice's page, the rates and the settings. */
export const billingRoutes: Routes = [
  {
    path: '',
    canActivate: [requireRoles('admin')],
    loadComponent: () => import('./billing-shell').then((m) => m.BillingShell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'run' },
      { path: 'run', title: 'Billing run', loadComponent: () => import('./billing-run-page').then((m) => m.BillingRunPage) },
      { path: 'invoices', title: 'Invoices', loadComponent: () => import('./invoices-page').then((m) => m.InvoicesPage) },
      { path: 'invoices/:invoiceId', title: 'Invoice', loadComponent: () => import('./invoice-page').then((m) => m.InvoicePage) },
      { path: 'rates', title: 'Rates', loadComponent: () => import('./rates-page').then((m) => m.RatesPage) },
      { path: 'settings', title: 'Billing settings', loadComponent: () => import('./billing-settings-page').then((m) => m.BillingSettingsPage) },
    ],
  },
];
