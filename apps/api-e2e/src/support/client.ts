import { linkIn, startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { CSRF_HEADER, CSRF_HEADER_VALUE, REFRESH_COOKIE, type Session } from '@cadenza/shared/contracts';

export const DEMO_PASSWORD = 'cadenza-demo';
export const demo = (local: string) => `${local}@demo.cadenza.school`;

// The tests assert on response shapes field by field, so replies default to untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client over fetch, as a browser would call the API. */
export class Client {
  token: string | null = null;
  refreshCookie: string | null = null;

  constructor(readonly base: string) {}

  async call<T = Json>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(this.refreshCookie ? { cookie: `${REFRESH_COOKIE}=${this.refreshCookie}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${REFRESH_COOKIE}=`));
    if (cookie) {
      const value = cookie.split(';')[0].slice(REFRESH_COOKIE.length + 1);
      this.refreshCookie = value || null;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = Json>(path: string) => this.call<T>('GET', path);
  post = <T = Json>(path: string, body?: unknown, headers?: Record<string, string>) => this.call<T>('POST', path, body, headers);
  patch = <T = Json>(path: string, body?: unknown) => this.call<T>('PATCH', path, body);
  put = <T = Json>(path: string, body?: unknown) => this.call<T>('PUT', path, body);
  delete = <T = Json>(path: string) => this.call<T>('DELETE', path);

  async login(email: string, password = DEMO_PASSWORD): Promise<Session> {
    const reply = await this.post<Session>('/api/v1/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`login ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
    this.token = reply.body.accessToken;
    return reply.body;
  }

  refresh(): Promise<Reply<Session>> {
    return this.post<Session>('/api/v1/auth/refresh', undefined, { [CSRF_HEADER]: CSRF_HEADER_VALUE });
  }

  logout(): Promise<Reply> {
    return this.post('/api/v1/auth/logout', undefined, { [CSRF_HEADER]: CSRF_HEADER_VALUE });
  }
}

export async function signedIn(base: string, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const client = new Client(base);
  await client.login(email, password);
  return client;
}

/**
 * Starts the api as a process before a suite's tests and signs its demo admin in, handing both to `ready`; stops the
 * api after the tests.
 */
export function startedWithAdmin(ready: (api: ApiProcess, admin: Client) => void | Promise<void>): void {
  let started: ApiProcess | undefined;
  beforeAll(async () => {
    started = await startApiProcess();
    await ready(started, await signedIn(started.url, demo('admin')));
  }, 120_000);
  afterAll(() => started?.stop());
}

/** Follows the invitation mailed to `email` (from the api's mail capture), sets `password` and signs them in. */
export async function acceptMailedInvitation(api: ApiProcess, email: string, password: string): Promise<Client> {
  const link = linkIn(await api.mail.waitFor(email), '/accept-invitation');
  const accepted = await new Client(api.url).post('/api/v1/invitations/accept', { token: new URL(link).searchParams.get('token') ?? '', password });
  if (accepted.status !== 201) throw new Error(`accepting ${email}'s invitation: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return signedIn(api.url, email, password);
}

/** `startedWithAdmin` as an object: its `api` and `admin` are there once the suite's tests run. */
export function apiSuite(): { api: ApiProcess; admin: Client } {
  const suite = {} as { api: ApiProcess; admin: Client };
  startedWithAdmin((api, admin) => {
    Object.assign(suite, { api, admin });
  });
  return suite;
}
