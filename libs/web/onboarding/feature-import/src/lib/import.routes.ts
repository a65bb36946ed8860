import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** The console's import wizard (admins). */
export const importRoutes: Routes = [
  { path: '', canActivate: [requireRoles('admin')], title: 'Import', loadComponent: () => import('./import-wizard-page').then((m) => m.ImportWizardPage) },
];
