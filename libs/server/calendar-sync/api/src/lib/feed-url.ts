/** A feed's address under the API, as calendar apps subscribe to it. */
export function feedUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/calendar/feeds/${token}.ics`;
}
