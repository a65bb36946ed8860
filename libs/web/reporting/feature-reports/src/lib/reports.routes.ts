import type { Routes } from '@angular/router';
import { requireRoles } from '@cadenza/web/shared/data-access-api';
import { BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { provideCharts } from 'ng2-charts';

/**
 * The console's reports, loaded with their charts only when opened: the school's for admins, a teacher's own for the
 * teacher; and the lessons behind a figure (admins). Chart.js gets just the bar and line charts these pages draw.
 */
export const reportsRoutes: Routes = [
  {
    path: '',
    providers: [provideCharts({ registerables: [BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip] })],
    children: [
      { path: '', canActivate: [requireRoles('admin', 'teacher')], title: 'Reports', loadComponent: () => import('./reports-page').then((m) => m.ReportsPage) },
      { path: 'lessons', canActivate: [requireRoles('admin')], title: 'Lessons behind a figure', loadComponent: () => import('./report-lessons-page').then((m) => m.ReportLessonsPage) },
    ],
  },
];
