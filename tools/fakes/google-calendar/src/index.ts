export { GoogleCalendarFake, startGoogleCalendarFake, type DeliveredNotification, type FakeEvent, type GoogleCalendarFakeOptions, type InjectedFailure } from './google-calendar-fake.js';
export type { EventTime } from './recurrence.js';
