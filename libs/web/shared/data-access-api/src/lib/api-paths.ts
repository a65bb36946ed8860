/** The REST API lives on the same origin as the apps, under one versioned prefix. */
export const API_BASE = '/api/v1';

export const API = {
  login: `${API_BASE}/auth/login`,
  refresh: `${API_BASE}/auth/refresh`,
  logout: `${API_BASE}/auth/logout`,
  me: `${API_BASE}/me`,
  acceptInvitation: `${API_BASE}/invitations/accept`,
  passwordReset: `${API_BASE}/auth/password-reset`,
  passwordResetConfirm: `${API_BASE}/auth/password-reset/confirm`,
} as const;

/** Where an app sends someone who has to sign in (a route of every Cadenza app). */
export const SIGN_IN_PATH = '/sign-in';
/** Where an app sends someone signed in with no role it serves. */
export const SWITCH_APP_PATH = '/switch-app';

export function isApiUrl(url: string): boolean {
  return url === API_BASE || url.startsWith(`${API_BASE}/`);
}

/** Endpoints that manage the session itself: a 401 from them never triggers a refresh. */
export function isAuthUrl(url: string): boolean {
  return url.startsWith(`${API_BASE}/auth/`);
}
