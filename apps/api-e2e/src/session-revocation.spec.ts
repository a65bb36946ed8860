import { io, type Socket } from 'socket.io-client';
import { REALTIME_EVENTS, REALTIME_PATH, type ClientToServerEvents, type ProblemDetails, type ServerToClientEvents } from '@cadenza/shared/contracts';
import { linkIn, startApiProcess, startApiReplica, withClient, type ApiProcess, type ApiReplica } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';

/**
 * An ended session's access tokens stop working at once, on REST and on sockets, on the api
 * process that ended it and on another one: with Redis joining the processes, and without.
 */
type RealtimeClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const REDIS_URL = 'redis://127.0.0.1:6379';
const sockets: RealtimeClient[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

/** A connected socket to `url` with the client's token, and the problems and disconnection it hears. */
async function socketOf(url: string, client: Client): Promise<{ problems: ProblemDetails[]; disconnected: Promise<string> }> {
  const socket: RealtimeClient = io(url, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: client.token } });
  sockets.push(socket);
  const problems: ProblemDetails[] = [];
  socket.on(REALTIME_EVENTS.error, (problem) => problems.push(problem));
  const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { problems, disconnected };
}

/** The same access token, sent to another api process. */
const on = (url: string, client: Client) => Object.assign(new Client(url), { token: client.token });

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function statusWithin(client: Client, ms: number, expected: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = (await client.get('/api/v1/me')).status;
    if (status === expected || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each([
  { joined: 'with Redis', env: () => ({ REDIS_URL, REDIS_KEY_PREFIX: `cadenza-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}` }), elsewhereMs: 1_000 },
  // Without Redis, the other process learns of it from its poll of the database (every 2 s).
  { joined: 'without Redis', env: () => ({}), elsewhereMs: 6_000 },
])('sessions end at once ($joined)', ({ env, elsewhereMs }) => {
  let api: ApiProcess;
  let replica: ApiReplica;

  beforeAll(async () => {
    api = await startApiProcess(env());
    replica = await startApiReplica(api);
  }, 240_000);
  afterAll(async () => {
    await replica?.stop();
    await api?.stop();
  });

  it('signing out refuses the access token on this process at once and on the other within moments, and disconnects its sockets there', async () => {
    const client = await signedIn(api.url, demo('teacher2'));
    const other = await signedIn(api.url, demo('teacher2'));
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await on(replica.url, client).get('/api/v1/me')).status).toBe(200);
    const here = await socketOf(api.url, client);
    const there = await socketOf(replica.url, client);
    const untouched = await socketOf(replica.url, other);

    expect((await client.logout()).status).toBe(204);
    const refused = await client.get('/api/v1/me');
    expect(refused.status).toBe(401);
    expect(await statusWithin(on(replica.url, client), elsewhereMs, 401)).toBe(401);
    expect(await within(elsewhereMs, 'disconnection here', here.disconnected)).toBe('io server disconnect');
    expect(await within(elsewhereMs, 'disconnection there', there.disconnected)).toBe('io server disconnect');
    expect(there.problems).toEqual([expect.objectContaining({ status: 401, code: 'ACCESS.SESSION_ENDED' })]);
    // The same person's other session goes on.
    expect((await on(replica.url, other).get('/api/v1/me')).status).toBe(200);
    expect(untouched.problems).toEqual([]);
    // A token of the ended session cannot open a socket again.
    await expect(socketOf(api.url, client)).rejects.toMatchObject({ data: expect.objectContaining({ code: 'ACCESS.UNAUTHENTICATED' }) });
  });

  it('a replayed refresh token ends its family: the access tokens of that session are refused at once', async () => {
    const client = await signedIn(api.url, demo('teacher3'));
    const stolen = client.refreshCookie;
    expect((await client.refresh()).status).toBe(200);
    await withClient(api.db.url, (db) => db.query(`update refresh_tokens set replaced_at = replaced_at - interval '1 minute' where replaced_at is not null`));
    const thief = Object.assign(new Client(api.url), { refreshCookie: stolen });
    expect((await thief.refresh()).status).toBe(401);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect(await statusWithin(on(replica.url, client), elsewhereMs, 401)).toBe(401);
  });

  it('a password reset ends every session of the account, on REST and sockets', async () => {
    const phone = await signedIn(api.url, demo('parent4'));
    const laptop = await signedIn(api.url, demo('parent4'));
    const socket = await socketOf(replica.url, laptop);
    const anon = new Client(api.url);
    expect((await anon.post('/api/v1/auth/password-reset', { email: demo('parent4') })).status).toBe(202);
    const token = new URL(linkIn(await api.mail.waitFor(demo('parent4'), (m) => /Reset/.test(m.subject), 15_000), '/reset-password')).searchParams.get('token');
    expect((await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'brand-new-password' })).status).toBe(204);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/api/v1/me')).status).toBe(401);
    expect(await within(elsewhereMs, 'disconnection', socket.disconnected)).toBe('io server disconnect');
    expect(socket.problems).toEqual([expect.objectContaining({ code: 'ACCESS.SESSION_ENDED' })]);
  });
});
