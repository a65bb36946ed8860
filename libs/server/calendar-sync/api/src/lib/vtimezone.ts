import { Temporal } from 'temporal-polyfill';

const two = (n: number) => String(n).padStart(2, '0');
const offset = (ns: number) => {
  const minutes = Math.round(ns / 60e9);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`;
};
const localStamp = (t: Temporal.PlainDateTime) => `${String(t.year).padStart(4, '0')}${two(t.month)}${two(t.day)}T${two(t.hour)}${two(t.minute)}${two(t.second)}`;

/**
 * The VTIMEZONE component (RFC 5545, 3.6.5) of an IANA zone over a span of time, from the runtime's own zone data:
 * one STANDARD or DAYLIGHT observance for the offset in force when the span begins, and one for each transition in it,
 * each with its onset given as local time before the transition (its TZOFFSETFROM). An observance raising the offset
 * above the one before it is DAYLIGHT, any other STANDARD. A zone without transitions gets its one offset.
 */
export function vtimezone(zone: string, from: Date, to: Date): string {
  const start = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(zone);
  const end = Temporal.Instant.fromEpochMilliseconds(to.getTime());
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', onset: Temporal.PlainDateTime, fromNs: number, toNs: number) =>
    lines.push(`BEGIN:${kind}`, `DTSTART:${localStamp(onset)}`, `TZOFFSETFROM:${offset(fromNs)}`, `TZOFFSETTO:${offset(toNs)}`, `END:${kind}`);

  // The offset in force at the start, as an observance that began then.
  observance('STANDARD', start.toPlainDateTime(), start.offsetNanoseconds, start.offsetNanoseconds);
  let current = start;
  for (let i = 0; i < 1000; i++) {
    const next = current.getTimeZoneTransition('next');
    if (!next || Temporal.Instant.compare(next.toInstant(), end) > 0) break;
    const before = current.offsetNanoseconds;
    const after = next.offsetNanoseconds;
    const onset = next.toInstant().add({ nanoseconds: before }).toZonedDateTimeISO('UTC').toPlainDateTime();
    observance(after > before ? 'DAYLIGHT' : 'STANDARD', onset, before, after);
    current = next;
  }
  lines.push('END:VTIMEZONE');
  return `${lines.join('\r\n')}\r\n`;
}
