import { DEMO_PASSWORD } from './journeys.js';

/** One REST call as a signed-in person: the answer's JSON, or an error naming the call and its status. */
export type RestCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** A REST session of a demo person on the running Cadenza at `base`, for arranging data a journey is not about. */
export async function apiAs(base: string, email: string, password = DEMO_PASSWORD): Promise<RestCall> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T>(method: string, path: string, body?: unknown) => {
    const reply = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as T;
  };
}
