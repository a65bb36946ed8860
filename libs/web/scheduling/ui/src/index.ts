export * from './lib/cancellation-policy-notice';
export * from './lib/conflict-list';
export * from './lib/calendar-a11y';
export * from './lib/timetable-scroll';
export * from './lib/lesson-timetable';
export * from './lib/calendar-period-nav';
export * from './lib/request-pending-note';
