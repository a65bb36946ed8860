import { Temporal } from 'temporal-polyfill';
import type { EmailContent, FeedContent } from './model.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The email for a notification: the same words as the feed, as text and as simple HTML; `base` starts its link (see `NotificationLinks.baseFor`). */
export function renderEmail(to: string, content: FeedContent, base: string): EmailContent {
  const url = content.link ? `${base.replace(/\/$/, '')}${content.link}` : null;
  const text = [content.body, '', url ? `Open Cadenza: ${url}` : 'Open Cadenza to see more.', '', 'You can change which emails you get under your notification preferences.'].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    `<h1 style="font-size:1.2em">${escape(content.title)}</h1>`,
    `<p>${escape(content.body)}</p>`,
    url ? `<p><a href="${escape(url)}">Open Cadenza</a></p>` : '',
    '<p style="color:#555;font-size:.9em">You can change which emails you get under your notification preferences.</p>',
    '</body></html>',
  ].join('');
  return { to, subject: content.title, text, html, url };
}

/** What a digest email lists of one notification: its words and where it leads. */
export interface DigestItem {
  feed: FeedContent;
  email: EmailContent;
}

/**
 * One email for several notifications to one person: the subject says how many, the body lists each one's title,
 * words and link, in the order given (the order they were planned).
 */
export function renderDigest(items: readonly DigestItem[]): EmailContent {
  const subject = `${items.length} new notifications from Cadenza`;
  const text = [
    `You have ${items.length} new notifications:`,
    '',
    ...items.flatMap((item, i) => [`${i + 1}. ${item.feed.title}`, `   ${item.feed.body}`, ...(item.email.url ? [`   ${item.email.url}`] : []), '']),
    'You can change which emails you get under your notification preferences.',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    `<h1 style="font-size:1.2em">${escape(subject)}</h1>`,
    '<ol>',
    ...items.map((item) => `<li><strong>${escape(item.feed.title)}</strong><br>${escape(item.feed.body)}${item.email.url ? `<br><a href="${escape(item.email.url)}">Open in Cadenza</a>` : ''}</li>`),
    '</ol>',
    '<p style="color:#555;font-size:.9em">You can change which emails you get under your notification preferences.</p>',
    '</body></html>',
  ].join('');
  return { to: items[0]?.email.to ?? '', subject, text, html, url: null };
}

/** A lesson's start as the reader sees it, in their own zone: `Tue 6 Jan, 16:00`. */
export function lessonTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function calendarDay(at: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

export function offsetWords(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
