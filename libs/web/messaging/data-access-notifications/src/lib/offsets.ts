/** A reminder offset in words: 1440 → "1 day", 90 → "1 hour 30 minutes". */
export function describeOffset(minutes: number): string {
  const parts: string[] = [];
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days) parts.push(`${days} ${days === 1 ? 'day' : 'days'}`);
  if (hours) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest || parts.length === 0) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** Offsets in words, largest first: "1 day, 1 hour and 30 minutes before". */
export function describeOffsets(offsets: readonly number[]): string {
  const words = [...offsets].sort((a, b) => b - a).map(describeOffset);
  if (words.length === 0) return 'no reminders';
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  return `${list} before`;
}
