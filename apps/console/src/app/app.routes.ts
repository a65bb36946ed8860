import { withSharedRoutes } from '@cadenza/web/shared/app-routes';
import { PERSON_PANELS } from '@cadenza/web/shared/ui';

/** The console: the routes both apps share, with the staff's pages in the shell and a teacher's lessons of the day at home. */
export const appRoutes = withSharedRoutes(
  [
  { path: 'schedule', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.scheduleRoutes) },
  // Notifications link to a lesson by `/lessons/:id`, which both apps answer: here, the lesson's page.
  { path: 'lessons', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.lessonRoutes) },
  { path: 'requests', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.requestsRoutes) },
  { path: 'availability', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.availabilityRoutes) },
  { path: 'makeup-credits', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.makeupCreditsRoutes) },
  { path: 'settings', loadChildren: () => import('@cadenza/web/scheduling/feature-console').then((m) => m.settingsRoutes) },
  { path: 'safeguarding', loadChildren: () => import('@cadenza/web/messaging/feature-safeguarding').then((m) => m.safeguardingRoutes) },
  { path: 'messaging-settings', loadChildren: () => import('@cadenza/web/messaging/feature-settings').then((m) => m.messagingSettingsRoutes) },
  { path: 'notifications/deliveries', loadChildren: () => import('@cadenza/web/messaging/feature-settings').then((m) => m.deliveryLogRoutes) },
  {
    path: 'people',
    // A person's page shows their lessons (scheduling's), a student's practice and progress (attendance's) and, to admins, their messages in summary (messaging's): the app composes them in.
    providers: [
      {
        provide: PERSON_PANELS,
        useValue: [
          () => import('@cadenza/web/scheduling/feature-console').then((m) => m.PersonLessonsPanel),
          () => import('@cadenza/web/attendance/feature-practice').then((m) => m.PersonPracticePanel),
          () => import('@cadenza/web/messaging/feature-safeguarding').then((m) => m.PersonMessagesPanel),
        ],
      },
    ],
    loadChildren: () => import('@cadenza/web/identity/feature-people').then((m) => m.peopleRoutes),
  },
  { path: 'progress-scale', loadChildren: () => import('@cadenza/web/attendance/feature-practice').then((m) => m.progressScaleRoutes) },
  { path: 'register', loadChildren: () => import('@cadenza/web/attendance/feature-register').then((m) => m.registerRoutes) },
  { path: 'day-register', loadChildren: () => import('@cadenza/web/attendance/feature-register').then((m) => m.dayRegisterRoutes) },
  { path: 'attendance-settings', loadChildren: () => import('@cadenza/web/attendance/feature-register').then((m) => m.attendanceSettingsRoutes) },
  { path: 'reports', loadChildren: () => import('@cadenza/web/reporting/feature-reports').then((m) => m.reportsRoutes) },
  { path: 'billing', loadChildren: () => import('@cadenza/web/billing/feature-console').then((m) => m.billingRoutes) },
  { path: 'import', loadChildren: () => import('@cadenza/web/onboarding/feature-import').then((m) => m.importRoutes) },
  { path: 'calendar-sync/google', loadChildren: () => import('@cadenza/web/calendar-sync/feature-google').then((m) => m.googleCalendarRoutes) },
],
  { homePanels: [() => import('@cadenza/web/scheduling/feature-console').then((m) => m.TodayLessonsPanel)] },
);
