import { GrantRevoked } from '@cadenza/server/calendar-sync/domain';

/** The HTTP status of a googleapis (gaxios) failure, if it has one. */
export const statusOf = (error: unknown): number | undefined => (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined);

/** The OAuth error code a failed token call answered (`invalid_grant`, `invalid_token`…), if any. */
export function oauthErrorOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const data = (error as { response?: { data?: unknown } }).response?.data;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string' ? data.error : undefined;
}

/** A refused grant as calendar sync's domain names it (`GrantRevoked`); any other failure as it came. */
export function asGrantFailure(error: unknown): unknown {
  return oauthErrorOf(error) === 'invalid_grant' ? new GrantRevoked() : error;
}
