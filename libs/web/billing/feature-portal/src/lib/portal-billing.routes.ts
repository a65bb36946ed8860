import type { Routes } from '@angular/router';

/** The family's invoices: the list and each invoice's page (where it is paid). */
export const invoicesRoutes: Routes = [
  { path: '', title: 'Invoices', loadComponent: () => import('./invoices-page').then((m) => m.InvoicesPage) },
  { path: ':invoiceId', title: 'Invoice', loadComponent: () => import('./invoice-page').then((m) => m.InvoicePage) },
];
