const zones = new Set(Intl.supportedValuesOf('timeZone'));

/** True for an IANA time zone name this runtime knows, such as `Europe/London` or `UTC`. */
export function isTimeZone(name: string): boolean {
  if (zones.has(name) || name === 'UTC') {
    return true;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** True for a BCP 47 locale tag such as `en-GB`. */
export function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
