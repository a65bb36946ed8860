import type { Routes } from '@angular/router';
import { MyFamilyPage } from './my-family-page';

/** The portal's `family` route: a parent's family. */
export const familyRoutes: Routes = [{ path: '', title: 'Family', component: MyFamilyPage }];
