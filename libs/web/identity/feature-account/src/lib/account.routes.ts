import type { Routes } from '@angular/router';
import { AccountPage } from './account-page';

export const accountRoutes: Routes = [{ path: '', title: 'Account', component: AccountPage }];
