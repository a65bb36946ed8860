import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { instanceSuffix, instantOf, occurrences, shifted, type EventTime } from './recurrence.js';

/**
 * A local server speaking the part of Google's Calendar API v3 and OAuth 2.0 endpoints that Cadenza calls, for tests,
 * benchmarks and the embedded default: calendarList.list, calendars.insert, events.list / insert / patch / delete /
 * watch, channels.stop, the token endpoint (authorization code, refresh, revoked grants answering `invalid_grant`) and
 * revocation. The official `googleapis` client reaches it through its `rootUrl` option and the OAuth client through
 * its `endpoints`. Listing follows Google's rules: pages (`pageToken`/`nextPageToken`, the sync token on the last page
 * only), sync tokens giving every change since (deletions as `status: cancelled`), tokens that expire answering 410
 * `fullSyncRequired`, `singleEvents` expanding recurring events into instances with their changed and cancelled
 * exceptions. Test controls change events "from Google's side", expire tokens, revoke grants, make the API fail, and
 * push notifications to watch channels as Google does (headers only).
 */
export interface GoogleCalendarFakeOptions {
  host?: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  /** The OAuth client the fake accepts. */
  clientId?: string;
  clientSecret?: string;
  /** How long an access token lives, in seconds (Google: 3599). */
  accessTokenSeconds?: number;
}

export interface FakeEvent {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  location?: string;
  start?: EventTime;
  end?: EventTime;
  transparency?: 'opaque' | 'transparent';
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventTime;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  created: string;
  updated: string;
  sequence: number;
  /** The change counter's value at this event's last change: what sync tokens compare. */
  changed: number;
}

interface FakeCalendar {
  id: string;
  summary: string;
  timeZone: string;
  primary: boolean;
  account: string;
  events: Map<string, FakeEvent>;
}

interface Channel {
  id: string;
  resourceId: string;
  calendarId: string;
  address: string;
  token: string | null;
  expiration: number;
  messages: number;
  stopped: boolean;
}

/** A notification the fake posted to a channel's address, and the status it got back (0: no answer). */
export interface DeliveredNotification {
  channelId: string;
  state: 'sync' | 'exists';
  headers: Record<string, string>;
  status: number;
}

/** A failure the API answers instead of serving a request (rate limits, 5xx), for retry tests. */
export interface InjectedFailure {
  status: 403 | 429 | 500 | 503;
  /** For 403: `rateLimitExceeded` (the default) or `userRateLimitExceeded`. */
  reason?: string;
  /** Chance per request, 0 to 1; 1 fails every request while the failure lasts. */
  probability?: number;
  /** How many requests fail at most; unlimited when absent. */
  times?: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_NAMES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS', 410: 'FAILED_PRECONDITION', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };
const notFound = () => new ApiError(404, 'notFound', 'Not Found');
const badRequest = (message: string, reason = 'invalid') => new ApiError(400, reason, message);
const randomId = (bytes = 12) => randomBytes(bytes).toString('hex');
/** Google's event ids: 5 to 1024 characters of base32hex (a-v, 0-9). */
const EVENT_ID = /^[a-v0-9]{5,1024}$/;
const DEFAULT_PAGE = 250;
const MAX_PAGE = 2500;

export class GoogleCalendarFake {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Every notification posted, in order. */
  readonly notifications: DeliveredNotification[] = [];
  /** Requests the API answered, by method and path, for tests that count calls. */
  readonly requests: { method: string; path: string; status: number }[] = [];
  private readonly calendars = new Map<string, FakeCalendar>();
  private readonly accessTokens = new Map<string, { account: string; refresh: string | null; expires: number }>();
  private readonly grants = new Map<string, { account: string; scope: string; revoked: boolean }>();
  private readonly codes = new Map<string, { account: string; redirectUri: string | null; scope: string; offline: boolean }>();
  private readonly syncTokens = new Map<string, { calendarId: string; changed: number; singleEvents: boolean; expired: boolean }>();
  private readonly pages = new Map<string, { items: unknown[]; nextSyncToken: string | null; size: number; offset: number }>();
  private readonly channels = new Map<string, Channel>();
  private failures: (InjectedFailure & { left: number })[] = [];
  private counter = 0;
  private deliveries: Promise<void> = Promise.resolve();
  private server: Server | null = null;
  private address: { host: string; port: number } | null = null;

  constructor(private readonly options: GoogleCalendarFakeOptions = {}) {
    this.clientId = options.clientId ?? 'cadenza-test-client.apps.googleusercontent.com';
    this.clientSecret = options.clientSecret ?? 'cadenza-test-secret';
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.address = { host: this.options.host ?? '127.0.0.1', port: (server.address() as AddressInfo).port };
    return this;
  }

  async stop(): Promise<void> {
    await this.settled();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    if (!this.address) throw new Error('the Google Calendar fake is not started');
    return `http://${this.address.host}:${this.address.port}`;
  }

  /** The `rootUrl` the googleapis client takes for the Calendar API. */
  get rootUrl(): string {
    return `${this.url}/`;
  }

  /** The OAuth client's `endpoints` that reach this server. */
  get oauthEndpoints(): { oauth2AuthBaseUrl: string; oauth2TokenUrl: string; oauth2RevokeUrl: string } {
    return { oauth2AuthBaseUrl: `${this.url}/o/oauth2/v2/auth`, oauth2TokenUrl: `${this.url}/token`, oauth2RevokeUrl: `${this.url}/revoke` };
  }

  /** Resolves once every notification sent so far has been answered or given up. */
  async settled(): Promise<void> {
    let chain: Promise<void>;
    do {
      chain = this.deliveries;
      await chain;
    } while (chain !== this.deliveries);
  }

  // ---- test controls ---------------------------------------------------------------------------

  /** An account with its primary calendar (id: the email), as Google has it for every user. */
  addAccount(email: string, timeZone = 'Europe/London'): string {
    if (!this.calendars.has(email)) this.calendars.set(email, { id: email, summary: email, timeZone, primary: true, account: email, events: new Map() });
    return email;
  }

  /** Another calendar of the account (a shared or secondary one), as its owner made it in Google. */
  addCalendar(account: string, summary: string, timeZone = 'Europe/London'): string {
    this.addAccount(account, timeZone);
    const id = `${randomId(10)}@group.calendar.google.com`;
    this.calendars.set(id, { id, summary, timeZone, primary: false, account, events: new Map() });
    return id;
  }

  /** What consent on Google's page gives the redirect: an authorization code for the account. */
  authorizationCode(account: string, options: { redirectUri?: string; scope?: string; offline?: boolean } = {}): string {
    this.addAccount(account);
    const code = `4/${randomId(16)}`;
    this.codes.set(code, { account, redirectUri: options.redirectUri ?? null, scope: options.scope ?? 'https://www.googleapis.com/auth/calendar', offline: options.offline ?? true });
    return code;
  }

  /** The account's owner removes the app's access in their Google account: refreshes answer `invalid_grant`, access tokens stop working. */
  revokeGrants(account: string): void {
    for (const grant of this.grants.values()) if (grant.account === account) grant.revoked = true;
    for (const [token, access] of this.accessTokens) if (access.account === account) this.accessTokens.delete(token);
  }

  /** Every access token issued so far expires now (the client must refresh). */
  expireAccessTokens(): void {
    for (const access of this.accessTokens.values()) access.expires = 0;
  }

  /** Every sync token issued for the calendar (all calendars when none is named) answers 410 from now on. */
  expireSyncTokens(calendarId?: string): void {
    for (const token of this.syncTokens.values()) if (!calendarId || token.calendarId === calendarId) token.expired = true;
  }

  /** The API answers with this failure (429, 403 rate limit, 5xx) until it has been used `times` times. */
  fail(failure: InjectedFailure): void {
    this.failures.push({ ...failure, left: failure.times ?? Number.POSITIVE_INFINITY });
  }

  /** Stops every injected failure. */
  recover(): void {
    this.failures = [];
  }

  /** An event made in Google by the calendar's owner (a dentist appointment); notifies the calendar's channels. */
  insertAsOwner(calendarId: string, event: Partial<FakeEvent> & { start: EventTime; end: EventTime }): FakeEvent {
    return this.change(calendarId, () => this.insert(this.calendar(calendarId), event as Record<string, unknown>));
  }

  /** The owner changes an event (or one instance of a recurring event, by its instance id) in Google. */
  patchAsOwner(calendarId: string, eventId: string, patch: Partial<FakeEvent>): FakeEvent {
    return this.change(calendarId, () => this.patch(this.calendar(calendarId), eventId, patch as Record<string, unknown>));
  }

  /** The owner deletes an event (or one instance of a recurring event, by its instance id) in Google. */
  deleteAsOwner(calendarId: string, eventId: string): void {
    this.change(calendarId, () => this.remove(this.calendar(calendarId), eventId));
  }

  /** The event as stored (a recurring event's master, or an exception), or undefined. */
  event(calendarId: string, eventId: string): FakeEvent | undefined {
    return this.calendars.get(calendarId)?.events.get(eventId);
  }

  /** The calendar's events as stored, deleted ones included. */
  events(calendarId: string): FakeEvent[] {
    return [...this.calendar(calendarId).events.values()];
  }

  /** Watch channels not stopped, with their expiry (ms since the epoch). */
  openChannels(): { id: string; calendarId: string; expiration: number }[] {
    return [...this.channels.values()].filter((c) => !c.stopped).map((c) => ({ id: c.id, calendarId: c.calendarId, expiration: c.expiration }));
  }

  /** Posts an `exists` notification to every live channel on the calendar, as Google does after a change. */
  notify(calendarId: string): void {
    for (const channel of this.channels.values()) {
      if (channel.calendarId === calendarId && !channel.stopped && channel.expiration > Date.now()) this.deliver(channel, 'exists');
    }
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    let status = 500;
    try {
      if (url.pathname === '/token' && method === 'POST') return void (status = this.token(req, body, res));
      if (url.pathname === '/revoke' && method === 'POST') return void (status = this.revoke(url, body, res));
      if (url.pathname === '/o/oauth2/v2/auth' && method === 'GET') return void (status = this.consent(url, res));
      if (!url.pathname.startsWith('/calendar/v3/')) throw notFound();
      const account = this.authenticate(req);
      this.injectedFailure();
      const [code, answer] = this.route(method, url.pathname.slice('/calendar/v3/'.length).split('/').map(decodeURIComponent), url.searchParams, body ? (JSON.parse(body) as Record<string, unknown>) : {}, account);
      status = code;
      if (answer === null) {
        res.writeHead(code).end();
      } else {
        this.json(res, code, answer);
      }
    } catch (error) {
      if (error instanceof ApiError) {
        status = error.status;
        this.json(res, error.status, { error: { code: error.status, message: error.message, errors: [{ domain: error.reason === 'authError' ? 'global' : error.status === 403 || error.status === 429 ? 'usageLimits' : 'global', reason: error.reason, message: error.message }], status: STATUS_NAMES[error.status] ?? 'UNKNOWN' } });
      } else {
        status = 500;
        this.json(res, 500, { error: { code: 500, message: error instanceof Error ? error.message : String(error), errors: [{ domain: 'global', reason: 'backendError' }], status: 'INTERNAL' } });
      }
    } finally {
      this.requests.push({ method, path: url.pathname, status });
    }
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
  }

  private injectedFailure(): void {
    const failure = this.failures.find((f) => f.left > 0 && Math.random() < (f.probability ?? 1));
    if (!failure) return;
    failure.left--;
    if (failure.status === 429) throw new ApiError(429, 'rateLimitExceeded', 'Rate Limit Exceeded');
    if (failure.status === 403) throw new ApiError(403, failure.reason ?? 'rateLimitExceeded', 'Rate Limit Exceeded');
    throw new ApiError(failure.status, 'backendError', 'Backend Error');
  }

  private authenticate(req: IncomingMessage): string {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const access = token ? this.accessTokens.get(token) : undefined;
    if (!access || access.expires <= Date.now()) throw new ApiError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    return access.account;
  }

  // ---- OAuth -----------------------------------------------------------------------------------

  /** Google's consent page, answered at once for the account named by `login_hint` (the fake has no login). */
  private consent(url: URL, res: ServerResponse): number {
    const redirect = url.searchParams.get('redirect_uri');
    const account = url.searchParams.get('login_hint');
    if (url.searchParams.get('client_id') !== this.clientId || !redirect || !account) {
      this.json(res, 400, { error: 'invalid_request', error_description: 'client_id, redirect_uri and login_hint are required.' });
      return 400;
    }
    const code = this.authorizationCode(account, { redirectUri: redirect, scope: url.searchParams.get('scope') ?? '', offline: url.searchParams.get('access_type') === 'offline' });
    const target = new URL(redirect);
    target.searchParams.set('code', code);
    const state = url.searchParams.get('state');
    if (state !== null) target.searchParams.set('state', state);
    target.searchParams.set('scope', url.searchParams.get('scope') ?? '');
    res.writeHead(302, { location: target.toString() }).end();
    return 302;
  }

  private token(req: IncomingMessage, body: string, res: ServerResponse): number {
    const form = new URLSearchParams(body);
    const basic = /^Basic (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = form.get('client_id') ?? basicId;
    const clientSecret = form.get('client_secret') ?? basicSecret;
    const refuse = (status: number, error: string, description: string) => {
      this.json(res, status, { error, error_description: description });
      return status;
    };
    if (clientId !== this.clientId || clientSecret !== this.clientSecret) return refuse(401, 'invalid_client', 'The OAuth client was not found.');
    const lifetime = this.options.accessTokenSeconds ?? 3599;
    const issue = (account: string, refresh: string | null, scope: string) => {
      const access = `ya29.${randomId(24)}`;
      this.accessTokens.set(access, { account, refresh, expires: Date.now() + lifetime * 1000 });
      return { access_token: access, expires_in: lifetime, scope, token_type: 'Bearer' };
    };
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const code = this.codes.get(form.get('code') ?? '');
        if (!code) return refuse(400, 'invalid_grant', 'Malformed auth code.');
        this.codes.delete(form.get('code') ?? '');
        if (code.redirectUri !== null && code.redirectUri !== form.get('redirect_uri')) return refuse(400, 'redirect_uri_mismatch', 'Bad Request');
        const refresh = code.offline ? `1//${randomId(24)}` : null;
        if (refresh) this.grants.set(refresh, { account: code.account, scope: code.scope, revoked: false });
        this.json(res, 200, { ...issue(code.account, refresh, code.scope), ...(refresh ? { refresh_token: refresh } : {}) });
        return 200;
      }
      case 'refresh_token': {
        const refresh = form.get('refresh_token') ?? '';
        const grant = this.grants.get(refresh);
        if (!grant || grant.revoked) return refuse(400, 'invalid_grant', 'Token has been expired or revoked.');
        this.json(res, 200, issue(grant.account, refresh, grant.scope));
        return 200;
      }
      default:
        return refuse(400, 'unsupported_grant_type', 'Invalid grant_type.');
    }
  }

  /** Revoking an access or refresh token ends the whole grant, as Google does. */
  private revoke(url: URL, body: string, res: ServerResponse): number {
    const token = url.searchParams.get('token') ?? new URLSearchParams(body).get('token') ?? '';
    const access = this.accessTokens.get(token);
    const refresh = access?.refresh ?? (this.grants.has(token) ? token : null);
    const grant = refresh ? this.grants.get(refresh) : undefined;
    if (!access && !grant) {
      this.json(res, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
      return 400;
    }
    if (grant) grant.revoked = true;
    for (const [key, value] of this.accessTokens) if (key === token || (refresh !== null && value.refresh === refresh)) this.accessTokens.delete(key);
    this.json(res, 200, {});
    return 200;
  }

  // ---- Calendar API ----------------------------------------------------------------------------

  private route(method: string, path: string[], query: URLSearchParams, body: Record<string, unknown>, account: string): [number, unknown] {
    const [first, second, third, fourth, fifth] = path;
    if (method === 'GET' && first === 'users' && second === 'me' && third === 'calendarList' && path.length === 3) return [200, this.calendarList(account, query)];
    if (method === 'POST' && first === 'calendars' && path.length === 1) return [200, this.insertCalendar(account, body)];
    if (method === 'POST' && first === 'channels' && second === 'stop' && path.length === 2) return [this.stopChannel(body), null];
    if (first !== 'calendars' || !second || third !== 'events') throw notFound();
    const calendar = this.owned(account, second);
    if (path.length === 3 && method === 'GET') return [200, this.list(calendar, query)];
    if (path.length === 3 && method === 'POST') return [200, this.present(calendar, this.change(calendar.id, () => this.insert(calendar, body)))];
    if (path.length === 4 && fourth === 'watch' && method === 'POST') return [200, this.watch(calendar, body)];
    if (path.length !== 4 || !fourth || fifth !== undefined) throw notFound();
    if (method === 'GET') return [200, this.present(calendar, this.live(calendar, fourth))];
    if (method === 'PATCH') return [200, this.present(calendar, this.change(calendar.id, () => this.patch(calendar, fourth, body)))];
    if (method === 'DELETE') {
      this.change(calendar.id, () => this.remove(calendar, fourth));
      return [204, null];
    }
    throw notFound();
  }

  private calendar(id: string): FakeCalendar {
    const calendar = this.calendars.get(id);
    if (!calendar) throw notFound();
    return calendar;
  }

  /** The calendar, if the account owns it (`primary` names the account's own). */
  private owned(account: string, id: string): FakeCalendar {
    const calendar = this.calendars.get(id === 'primary' ? account : id);
    if (!calendar || calendar.account !== account) throw notFound();
    return calendar;
  }

  private calendarList(account: string, query: URLSearchParams) {
    const items = [...this.calendars.values()]
      .filter((c) => c.account === account)
      .map((c) => ({ kind: 'calendar#calendarListEntry', etag: `"${c.id.length}"`, id: c.id, summary: c.summary, timeZone: c.timeZone, accessRole: 'owner', ...(c.primary ? { primary: true } : {}) }));
    return { kind: 'calendar#calendarList', etag: `"${this.counter}"`, ...this.page(items, query, null) };
  }

  private insertCalendar(account: string, body: Record<string, unknown>) {
    if (typeof body['summary'] !== 'string' || body['summary'] === '') throw badRequest('Missing title.', 'required');
    const id = this.addCalendar(account, body['summary'], typeof body['timeZone'] === 'string' ? body['timeZone'] : 'UTC');
    const calendar = this.calendar(id);
    return { kind: 'calendar#calendar', etag: `"${this.counter}"`, id, summary: calendar.summary, timeZone: calendar.timeZone };
  }

  /** Runs a change to the calendar under a new value of the change counter, then notifies its channels. */
  private change<T>(calendarId: string, work: () => T): T {
    this.counter++;
    const result = work();
    this.notify(calendarId);
    return result;
  }

  private stamp(event: FakeEvent): void {
    event.changed = this.counter;
    event.updated = new Date().toISOString();
  }

  private insert(calendar: FakeCalendar, body: Record<string, unknown>): FakeEvent {
    const id = typeof body['id'] === 'string' ? body['id'] : randomBytes(13).toString('hex').replace(/[w-z]/g, 'a');
    if (!EVENT_ID.test(id)) throw badRequest('Invalid resource id value.');
    if (calendar.events.has(id)) throw new ApiError(409, 'duplicate', 'The requested identifier already exists.');
    const start = body['start'] as EventTime | undefined;
    const end = body['end'] as EventTime | undefined;
    if (!start || !end || (!start.dateTime && !start.date) || (!end.dateTime && !end.date)) throw badRequest('Missing time.', 'required');
    if (instantOf(end) < instantOf(start)) throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
    const now = new Date().toISOString();
    const event: FakeEvent = { id, status: 'confirmed', created: now, updated: now, sequence: 0, changed: this.counter };
    this.assign(event, body);
    calendar.events.set(id, event);
    return event;
  }

  private assign(event: FakeEvent, body: Record<string, unknown>): void {
    for (const key of ['summary', 'description', 'location', 'start', 'end', 'transparency', 'recurrence', 'extendedProperties', 'status'] as const) {
      if (key in body) (event as unknown as Record<string, unknown>)[key] = structuredClone(body[key]);
    }
    if (event.status !== 'confirmed' && event.status !== 'tentative' && event.status !== 'cancelled') throw badRequest('Invalid value for status.');
  }

  /** Patches an event, or one instance of a recurring event, which becomes an exception of its own. */
  private patch(calendar: FakeCalendar, eventId: string, body: Record<string, unknown>): FakeEvent {
    const existing = calendar.events.get(eventId) ?? this.exceptionFor(calendar, eventId);
    if (!existing || existing.status === 'cancelled') throw notFound();
    if (body['extendedProperties'] && existing.extendedProperties) {
      const patch = body['extendedProperties'] as NonNullable<FakeEvent['extendedProperties']>;
      body = { ...body, extendedProperties: { private: { ...existing.extendedProperties.private, ...patch.private }, shared: { ...existing.extendedProperties.shared, ...patch.shared } } };
    }
    this.assign(existing, body);
    if (existing.start && existing.end && instantOf(existing.end) < instantOf(existing.start)) throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
    existing.sequence++;
    this.stamp(existing);
    calendar.events.set(existing.id, existing);
    return existing;
  }

  private remove(calendar: FakeCalendar, eventId: string): void {
    const existing = calendar.events.get(eventId) ?? this.exceptionFor(calendar, eventId);
    if (!existing) throw notFound();
    if (existing.status === 'cancelled') throw new ApiError(410, 'deleted', 'Resource has been deleted');
    existing.status = 'cancelled';
    this.stamp(existing);
    calendar.events.set(existing.id, existing);
  }

  /** A new exception for an instance id (`<master>_<original start>`) of a recurring event, or undefined. */
  private exceptionFor(calendar: FakeCalendar, instanceId: string): FakeEvent | undefined {
    const cut = instanceId.lastIndexOf('_');
    if (cut < 0) return undefined;
    const master = calendar.events.get(instanceId.slice(0, cut));
    if (!master?.recurrence || !master.start || !master.end || master.status === 'cancelled') return undefined;
    const instance = this.instancesOf(master).find((i) => i.id === instanceId);
    if (!instance) return undefined;
    const { changed: _changed, ...copy } = instance;
    return { ...structuredClone(copy), changed: this.counter };
  }

  /** A recurring event's instances, each with its id, original start and times (no exceptions applied). */
  private instancesOf(master: FakeEvent): FakeEvent[] {
    if (!master.start || !master.end || !master.recurrence) return [];
    const length = instantOf(master.end) - instantOf(master.start);
    return occurrences(master.start, master.recurrence).map((start) => {
      const { recurrence: _rule, ...rest } = master;
      return { ...structuredClone(rest), id: `${master.id}_${instanceSuffix(start)}`, recurringEventId: master.id, originalStartTime: start, start, end: shifted(start, length, master.start?.timeZone) };
    });
  }

  private live(calendar: FakeCalendar, eventId: string): FakeEvent {
    const event = calendar.events.get(eventId);
    if (!event) throw notFound();
    return event;
  }

  /**
   * events.list. Without a sync token: every event (deleted ones only with `showDeleted`), optionally within
   * `timeMin`/`timeMax`; with one, every event changed since it was issued, deleted ones included. `singleEvents`
   * expands recurring events into their instances, exceptions applied. Paged; the last page carries `nextSyncToken`.
   */
  private list(calendar: FakeCalendar, query: URLSearchParams) {
    const pageToken = query.get('pageToken');
    if (pageToken) {
      const page = this.pages.get(pageToken);
      if (!page) throw badRequest('Invalid page token value.');
      return this.listAnswer(calendar, page.items, page.offset, page.size, page.nextSyncToken);
    }
    const syncToken = query.get('syncToken');
    const singleEvents = query.get('singleEvents') === 'true';
    let since = -1;
    if (syncToken) {
      for (const forbidden of ['timeMin', 'timeMax', 'orderBy', 'q', 'updatedMin', 'iCalUID', 'privateExtendedProperty', 'sharedExtendedProperty']) {
        if (query.has(forbidden)) throw badRequest(`${forbidden} cannot be combined with syncToken.`);
      }
      const known = this.syncTokens.get(syncToken);
      if (!known || known.calendarId !== calendar.id) throw badRequest('Invalid sync token value.');
      if (known.expired) throw new ApiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
      since = known.changed;
    }
    const showDeleted = syncToken !== null || query.get('showDeleted') === 'true';
    const timeMin = query.get('timeMin') ? Date.parse(query.get('timeMin') ?? '') : Number.NEGATIVE_INFINITY;
    const timeMax = query.get('timeMax') ? Date.parse(query.get('timeMax') ?? '') : Number.POSITIVE_INFINITY;
    const changedSince = (e: FakeEvent) => e.changed > since;
    const stored = [...calendar.events.values()];
    let items: FakeEvent[];
    if (singleEvents) {
      const exceptions = new Map(stored.filter((e) => e.recurringEventId).map((e) => [e.id, e]));
      items = [];
      for (const event of stored) {
        if (event.recurringEventId) continue;
        if (!event.recurrence) {
          items.push(event);
          continue;
        }
        // A changed master changes all its instances; otherwise only its changed exceptions are news.
        for (const instance of this.instancesOf(event)) {
          const exception = exceptions.get(instance.id);
          const current = event.status === 'cancelled' ? { ...instance, status: 'cancelled' as const, changed: event.changed } : (exception ?? { ...instance, changed: event.changed });
          items.push(current);
        }
      }
      items = items.filter(changedSince);
    } else {
      items = stored.filter(changedSince);
    }
    items = items.filter((e) => showDeleted || e.status !== 'cancelled');
    if (!syncToken) {
      items = items.filter((e) => !e.start || !e.end || (instantOf(e.end) > timeMin && instantOf(e.start) < timeMax));
    }
    if (query.get('orderBy') === 'startTime') {
      if (!singleEvents) throw badRequest('The requested ordering is not available for the particular query.');
      items.sort((a, b) => instantOf(a.start ?? {}) - instantOf(b.start ?? {}) || a.id.localeCompare(b.id));
    } else {
      items.sort((a, b) => a.changed - b.changed || a.id.localeCompare(b.id));
    }
    const next = `sync_${randomId(16)}`;
    this.syncTokens.set(next, { calendarId: calendar.id, changed: this.counter, singleEvents, expired: false });
    const size = Math.min(Math.max(Number(query.get('maxResults') ?? DEFAULT_PAGE) || DEFAULT_PAGE, 1), MAX_PAGE);
    return this.listAnswer(calendar, items.map((e) => this.present(calendar, e)), 0, size, next);
  }

  private listAnswer(calendar: FakeCalendar, items: unknown[], offset: number, size: number, nextSyncToken: string | null) {
    const slice = items.slice(offset, offset + size);
    const more = offset + size < items.length;
    let nextPageToken: string | undefined;
    if (more) {
      nextPageToken = `page_${randomId(12)}`;
      this.pages.set(nextPageToken, { items, offset: offset + size, size, nextSyncToken });
    }
    return {
      kind: 'calendar#events',
      etag: `"${this.counter}"`,
      summary: calendar.summary,
      timeZone: calendar.timeZone,
      updated: new Date().toISOString(),
      accessRole: 'owner',
      items: slice,
      ...(more ? { nextPageToken } : { nextSyncToken }),
    };
  }

  private page<T>(items: T[], query: URLSearchParams, nextSyncToken: string | null) {
    const offset = Number(query.get('pageToken')?.replace('offset_', '') ?? 0) || 0;
    const size = Math.min(Math.max(Number(query.get('maxResults') ?? 100) || 100, 1), 250);
    const more = offset + size < items.length;
    return { items: items.slice(offset, offset + size), ...(more ? { nextPageToken: `offset_${offset + size}` } : nextSyncToken ? { nextSyncToken } : {}) };
  }

  /** An event as the API answers it: a deleted one only with its id and status, as Google's incremental lists do. */
  private present(calendar: FakeCalendar, event: FakeEvent) {
    const base = { kind: 'calendar#event', etag: `"${event.changed}-${event.sequence}"`, id: event.id, status: event.status };
    if (event.status === 'cancelled') {
      return { ...base, ...(event.recurringEventId ? { recurringEventId: event.recurringEventId, originalStartTime: event.originalStartTime } : {}) };
    }
    const { changed: _changed, ...rest } = event;
    return {
      ...base,
      ...rest,
      htmlLink: `${this.url}/event?eid=${event.id}`,
      iCalUID: `${event.recurringEventId ?? event.id}@google.com`,
      organizer: { email: calendar.account, self: true },
      creator: { email: calendar.account, self: true },
      transparency: event.transparency ?? 'opaque',
    };
  }

  // ---- push ------------------------------------------------------------------------------------

  private watch(calendar: FakeCalendar, body: Record<string, unknown>) {
    const id = body['id'];
    const address = body['address'];
    if (typeof id !== 'string' || id === '') throw badRequest('Missing channel id.', 'required');
    if (body['type'] !== 'web_hook') throw badRequest('Channel type must be web_hook.', 'invalidParameter');
    if (typeof address !== 'string' || !/^https?:\/\//.test(address)) throw badRequest('Invalid notification address.', 'invalidParameter');
    if (this.channels.has(id)) throw new ApiError(400, 'channelIdNotUnique', `Channel id ${id} not unique`);
    const params = (body['params'] ?? {}) as Record<string, string>;
    const ttl = params['ttl'] ? Number(params['ttl']) * 1000 : 7 * 86_400_000;
    const asked = body['expiration'] ? Number(body['expiration']) : Number.POSITIVE_INFINITY;
    const channel: Channel = { id, resourceId: randomId(14), calendarId: calendar.id, address, token: typeof body['token'] === 'string' ? body['token'] : null, expiration: Math.min(Date.now() + ttl, asked), messages: 0, stopped: false };
    this.channels.set(id, channel);
    this.deliver(channel, 'sync');
    return { kind: 'api#channel', id, resourceId: channel.resourceId, resourceUri: `${this.url}/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events?alt=json`, ...(channel.token ? { token: channel.token } : {}), expiration: String(channel.expiration) };
  }

  private stopChannel(body: Record<string, unknown>): number {
    const channel = typeof body['id'] === 'string' ? this.channels.get(body['id']) : undefined;
    if (!channel || channel.resourceId !== body['resourceId'] || channel.stopped) throw new ApiError(404, 'notFound', `Channel '${String(body['id'])}' not found for project`);
    channel.stopped = true;
    return 204;
  }

  /** Posts the notification (headers only, as Google does), one at a time in order. */
  private deliver(channel: Channel, state: 'sync' | 'exists'): void {
    const headers: Record<string, string> = {
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': `${this.url}/calendar/v3/calendars/${encodeURIComponent(channel.calendarId)}/events?alt=json`,
      'x-goog-resource-state': state,
      'x-goog-message-number': String(++channel.messages),
      ...(channel.token ? { 'x-goog-channel-token': channel.token } : {}),
    };
    this.deliveries = this.deliveries.then(async () => {
      const status = await fetch(channel.address, { method: 'POST', headers, signal: AbortSignal.timeout(5_000) }).then(
        (response) => response.status,
        () => 0,
      );
      this.notifications.push({ channelId: channel.id, state, headers, status });
    });
  }
}

/** Starts a fake on a free port. */
export function startGoogleCalendarFake(options: GoogleCalendarFakeOptions = {}): Promise<GoogleCalendarFake> {
  return new GoogleCalendarFake(options).start();
}
