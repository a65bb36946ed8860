import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';

/** The console's register: a school day's lessons of a teacher or accompanist (admins: every lesson of the day). */
export const registerRoutes: Routes = [
  { path: '', canActivate: [requireRoles('admin', 'teacher', 'accompanist')], title: 'Register', loadComponent: () => import('./register-page').then((m) => m.RegisterPage) },
];

/** The admins' day register across every teacher, with its filters and corrections. */
export const dayRegisterRoutes: Routes = [
  { path: '', canActivate: [requireRoles('admin')], title: 'Day register', loadComponent: () => import('./day-register-page').then((m) => m.DayRegisterPage) },
];

/** The school's attendance settings (admins). */
export const attendanceSettingsRoutes: Routes = [
  { path: '', canActivate: [requireRoles('admin')], title: 'Attendance settings', loadComponent: () => import('./attendance-settings-page').then((m) => m.AttendanceSettingsPage) },
];
