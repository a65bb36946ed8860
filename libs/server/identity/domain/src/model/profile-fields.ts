import { DomainError } from '@cadenza/shared/kernel';

/** Free text of a profile: trimmed, empty means not recorded (null), at most `max` characters. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const text = (value ?? '').trim();
  if (text.length > max) {
    throw DomainError.invalid('IDENTITY.TEXT_TOO_LONG', field, `Use at most ${max} characters.`);
  }
  return text.length === 0 ? null : text;
}

/** A short required text (a name, a relation). */
export function requiredText(value: string, field: string, max: number, what: string): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) {
    throw DomainError.invalid('IDENTITY.INVALID_TEXT', field, `Enter ${what} of 1 to ${max} characters.`);
  }
  return text;
}

/** Instruments, subjects or levels: each trimmed, none empty, no repeats (case-insensitively), at most 20 of 60 characters. */
export function labels(values: readonly string[], field: string): string[] {
  if (values.length > 20) {
    throw DomainError.invalid('IDENTITY.TOO_MANY_LABELS', field, 'List at most 20.');
  }
  const seen = new Set<string>();
  const out: string[] = [];
  values.forEach((value, i) => {
    const label = value.trim();
    if (label.length === 0 || label.length > 60) {
      throw DomainError.invalid('IDENTITY.INVALID_LABEL', `${field}.${i}`, 'Enter 1 to 60 characters.');
    }
    if (!seen.has(label.toLowerCase())) {
      seen.add(label.toLowerCase());
      out.push(label);
    }
  });
  return out;
}

/**
 * A phone number as people write it: an optional leading `+`, digits, spaces, dots, dashes and brackets,
 * with 6 to 15 digits (E.164's most). Kept as written, trimmed.
 */
export function phoneNumber(value: string, field: string): string {
  const phone = value.trim();
  const digits = phone.replace(/\D/g, '').length;
  if (!/^\+?[0-9 ().-]+$/.test(phone) || digits < 6 || digits > 15 || phone.length > 30) {
    throw DomainError.invalid('IDENTITY.INVALID_PHONE', field, 'Enter a phone number of 6 to 15 digits, such as +44 20 7946 0958.');
  }
  return phone;
}

/** A calendar date `YYYY-MM-DD` that exists, or null when it does not. */
export function calendarDate(value: string): number | null {
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!parsed) return null;
  const time = Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3]));
  return new Date(time).toISOString().slice(0, 10) === value ? time : null;
}

/** The calendar date (`YYYY-MM-DD`) it is in an IANA time zone at an instant. */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
