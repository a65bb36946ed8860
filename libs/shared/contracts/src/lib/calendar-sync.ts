import { z } from 'zod';

/**
 * Calendar sync over REST: one's own secret calendar feed (`/me/calendar-feed`) and the feed itself
 * (`/calendar/feeds/{token}.ics`, an iCalendar file, not JSON). Instants are ISO 8601 strings.
 */
const at = z.string().meta({ format: 'date-time' });

/** A feed's token in its URL: 43 base64url characters as Cadenza makes them (anything else cannot be a feed). */
export const CalendarFeedTokenParam = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, 'Not a calendar feed address.') });
export type CalendarFeedTokenParam = z.infer<typeof CalendarFeedTokenParam>;

/** `GET /me/calendar-feed`: whether one has a feed, and since when; its address is shown only when it is made. */
export const CalendarFeedStatus = z
  .object({ exists: z.boolean(), createdAt: at.nullable() })
  .meta({ id: 'CalendarFeedStatus', example: { exists: true, createdAt: '2026-12-10T09:00:00.000Z' } });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

/** `POST /me/calendar-feed`: the new feed's address, shown this once; the one before it stopped working. */
export const CalendarFeedCreated = z
  .object({ url: z.string().meta({ format: 'uri' }), createdAt: at, rotated: z.boolean() })
  .meta({ id: 'CalendarFeedCreated', example: { url: 'https://school.example/api/v1/calendar/feeds/6mJ1yQ0m0Xoqv9xQ2kVb1Yg3uQhGm2XyZ0a1b2c3d4e.ics', createdAt: '2026-12-10T09:00:00.000Z', rotated: false } });
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** `GET /me/google-calendar` (and the answer of connecting or choosing): the caller's Google connection, or none. */
export const GoogleConnectionStatus = z
  .object({
    connected: z.boolean(),
    account: z.string().nullable(),
    /** `active`, or `reconnect_needed` when Google refused the grant (revoked or expired): nothing syncs until they connect again. */
    status: z.enum(['active', 'reconnect_needed']).nullable(),
    busyCalendarIds: z.array(z.string()),
    writeCalendarId: z.string().nullable(),
    connectedAt: at.nullable(),
    lastSyncAt: at.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({
    id: 'GoogleConnectionStatus',
    example: {
      connected: true,
      account: 'tess@example.org',
      status: 'active',
      busyCalendarIds: ['tess@example.org'],
      writeCalendarId: 'c_1a2b3c@group.calendar.google.com',
      connectedAt: '2026-12-11T09:00:00.000Z',
      lastSyncAt: '2026-12-11T09:01:00.000Z',
      lastError: null,
    },
  });
export type GoogleConnectionStatus = z.infer<typeof GoogleConnectionStatus>;

/** `POST /me/google-calendar/connect`: Google's consent page to send the browser to, and until when the consent may finish. */
export const GoogleConnectStarted = z
  .object({ url: z.string().meta({ format: 'uri' }), expiresAt: at })
  .meta({ id: 'GoogleConnectStarted', example: { url: 'https://accounts.google.com/o/oauth2/v2/auth?access_type=offline&state=6mJ1yQ0m0Xoqv9xQ2kVb1Yg3uQhGm2XyZ0a1b2c3d4e', expiresAt: '2026-12-11T09:10:00.000Z' } });
export type GoogleConnectStarted = z.infer<typeof GoogleConnectStarted>;

/** `POST /me/google-calendar/callback`: what Google's redirect gave the console's page. */
export const GoogleConnectCallbackRequest = z.strictObject({
  code: z.string().trim().min(1, 'Required.').max(2048),
  state: z.string().trim().min(20, 'Not a connection Cadenza started.').max(200),
});
export type GoogleConnectCallbackRequest = z.infer<typeof GoogleConnectCallbackRequest>;

/** `GET /me/google-calendar/calendars`: the caller's Google calendars to choose from. */
export const GoogleCalendarList = z
  .object({ items: z.array(z.object({ id: z.string(), summary: z.string(), primary: z.boolean(), writable: z.boolean() })) })
  .meta({ id: 'GoogleCalendarList', example: { items: [{ id: 'tess@example.org', summary: 'tess@example.org', primary: true, writable: true }] } });
export type GoogleCalendarList = z.infer<typeof GoogleCalendarList>;

/** `PUT /me/google-calendar/calendars`: which calendars count as busy (none to many) and which one lessons are written to. */
export const ChooseGoogleCalendarsRequest = z.strictObject({
  busyCalendarIds: z.array(z.string().trim().min(1).max(1024)).max(50, 'At most 50 calendars.'),
  writeCalendarId: z.string().trim().min(1, 'Required.').max(1024),
});
export type ChooseGoogleCalendarsRequest = z.infer<typeof ChooseGoogleCalendarsRequest>;
