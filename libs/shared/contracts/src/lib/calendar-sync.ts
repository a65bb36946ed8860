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
