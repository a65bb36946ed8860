import jwt from 'jsonwebtoken';
import { io, type Socket } from 'socket.io-client';
import {
  REALTIME_EVENTS,
  REALTIME_PATH,
  type ClientToServerEvents,
  type LessonChangedEvent,
  type MessageChangedEvent,
  type MessageFlaggedEvent,
  type ProblemDetails,
  type ServerToClientEvents,
  type ThreadReadEvent,
} from '@cadenza/shared/contracts';
import { startApiProcess, startApiReplica, type ApiProcess, type ApiReplica } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { sleep, until } from './support/waiting.js';
import { directory, openHours, plus, YEAR } from './support/scheduling.js';

/**
 * socket.io at /ws: handshake authentication, who hears of a lesson change, and fan-out
 * across two api processes sharing PostgreSQL and Redis (a Redis key prefix of this run's own).
 */
type RealtimeClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const REDIS_URL = 'redis://127.0.0.1:6379';
const QUIET_MS = 2_000;

let api: ApiProcess;
let replica: ApiReplica;
let admin: Client;
let idOf: (email: string) => string;
const tokens: Record<string, string> = {};
const sockets: RealtimeClient[] = [];

beforeAll(async () => {
  const prefix = `cadenza-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  api = await startApiProcess({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
  [replica, admin] = await Promise.all([startApiReplica(api), signedIn(api.url, demo('admin'))]);
  idOf = await directory(admin);
  await openHours(admin, [idOf(demo('teacher1'))]);
  for (const who of ['teacher1', 'parent1', 'parent2']) tokens[who] = (await signedIn(api.url, demo(who))).token ?? '';
  tokens['admin'] = admin.token ?? '';
}, 60_000);

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

afterAll(async () => {
  await replica?.stop();
  await api?.stop();
});

function socketTo(url: string, options: { token?: string; headers?: Record<string, string> } = {}): RealtimeClient {
  const socket: RealtimeClient = io(url, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(options.token !== undefined ? { auth: { token: options.token } } : {}),
    ...(options.headers ? { extraHeaders: options.headers } : {}),
  });
  sockets.push(socket);
  return socket;
}

/** Connects, or fails with the handshake's refusal. */
function connected(socket: RealtimeClient): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** The refusal of a handshake that must fail: its problem details. */
function refused(socket: RealtimeClient): Promise<{ message: string; data: ProblemDetails }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but should have been refused')));
    socket.once('connect_error', (error) => resolve(error as unknown as { message: string; data: ProblemDetails }));
  });
}

/** Every lesson change a socket hears, from now on. */
function heard(socket: RealtimeClient): LessonChangedEvent[] {
  const events: LessonChangedEvent[] = [];
  socket.on(REALTIME_EVENTS.lessonChanged, (event) => events.push(event));
  return events;
}



/** Books a 45-minute lesson for student1 (parent1's child) with teacher1, as the admin, through the given process. */
async function book(baseUrl: string, start: string): Promise<{ id: string; start: string; end: string }> {
  const client = new (admin.constructor as typeof Client)(baseUrl);
  client.token = admin.token;
  const reply = await client.post('/api/v1/lessons', {
    teacherId: idOf(demo('teacher1')),
    studentIds: [idOf(demo('student1'))],
    start,
    end: plus(start, 45),
    override: { reason: 'Realtime test lesson' },
  });
  if (reply.status !== 201) throw new Error(`book ${start}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

function sign(claims: Record<string, unknown>, expiresInSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ sub: idOf(demo('teacher1')), sch: 'x', sid: 'x', roles: ['teacher'], sgl: false, ...claims, iat: now, exp: now + expiresInSeconds }, api.env['AUTH_SECRET'], {
    algorithm: 'HS256',
    issuer: 'cadenza',
    audience: 'cadenza-api',
  });
}

describe('the handshake', () => {
  it('refuses a socket without a token, with a garbage token, with an expired one or one signed with another secret', async () => {
    const schoolId = JSON.parse(Buffer.from(tokens['teacher1'].split('.')[1], 'base64url').toString()).sch as string;
    const forged = jwt.sign({ sub: 'x', sch: schoolId, sid: 'x', roles: ['admin'], sgl: false }, 'another-secret-another-secret-another-secret', {
      algorithm: 'HS256',
      issuer: 'cadenza',
      audience: 'cadenza-api',
      expiresIn: 600,
    });
    const refusals = await Promise.all([
      refused(socketTo(api.url)),
      refused(socketTo(api.url, { token: 'not-a-jwt' })),
      refused(socketTo(api.url, { token: sign({ sch: schoolId }, -60) })),
      refused(socketTo(api.url, { token: forged })),
      refused(socketTo(api.url, { headers: { authorization: 'Bearer garbage' } })),
    ]);
    for (const refusal of refusals) {
      expect(refusal.data).toEqual(expect.objectContaining({ status: 401, code: 'ACCESS.UNAUTHENTICATED', title: expect.any(String), type: expect.stringContaining('https://') }));
      expect(refusal.message).toBe(refusal.data.detail);
    }
  });

  it('accepts the REST access token in auth.token or as a bearer header', async () => {
    await connected(socketTo(api.url, { token: tokens['parent1'] }));
    await connected(socketTo(api.url, { headers: { authorization: `Bearer ${tokens['parent1']}` } }));
  });

  it('disconnects a socket when its access token expires, saying why', async () => {
    const socket = socketTo(api.url, { token: sign({ sch: 'school' }, 2) });
    const problems: ProblemDetails[] = [];
    socket.on(REALTIME_EVENTS.error, (problem) => problems.push(problem));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    await connected(socket);
    expect(await disconnected).toBe('io server disconnect');
    expect(problems).toEqual([expect.objectContaining({ status: 401, code: 'ACCESS.TOKEN_EXPIRED' })]);
  });
});

describe('lesson.changed', () => {
  it('reaches the teacher, the guardian and the admins of a booked lesson, and nobody in another family', async () => {
    const teacher = socketTo(api.url, { token: tokens['teacher1'] });
    const parent = socketTo(api.url, { token: tokens['parent1'] });
    const office = socketTo(api.url, { token: tokens['admin'] });
    const otherParent = socketTo(api.url, { token: tokens['parent2'] });
    const [toTeacher, toParent, toOffice, toOtherParent] = [teacher, parent, office, otherParent].map(heard);
    await Promise.all([teacher, parent, office, otherParent].map(connected));

    const booked = Date.now();
    const lesson = await book(api.url, `${YEAR}-05-11T06:00:00Z`);
    await until(() => toTeacher.length > 0 && toParent.length > 0 && toOffice.length > 0, 2_000, 'the teacher, parent1 and the admin');
    const expected = { lessonId: lesson.id, change: 'scheduled', start: lesson.start, end: lesson.end };
    expect(toTeacher).toEqual([expected]);
    expect(toParent).toEqual([expected]);
    expect(toOffice).toEqual([expected]);

    await sleep(Math.max(0, booked + QUIET_MS - Date.now()));
    expect(toOtherParent).toEqual([]);
  });

  it('tells of a move with where the lesson was before', async () => {
    const parent = socketTo(api.url, { token: tokens['parent1'] });
    const toParent = heard(parent);
    await connected(parent);
    const lesson = await book(api.url, `${YEAR}-05-12T06:00:00Z`);
    await until(() => toParent.length === 1, 2_000, 'the booking');
    const start = `${YEAR}-05-12T08:00:00Z`;
    const moved = await admin.post(`/api/v1/lessons/${lesson.id}/move`, { start, end: plus(start, 45), override: { reason: 'Realtime test move' } });
    expect(moved.status).toBe(200);
    await until(() => toParent.length === 2, 2_000, 'the move');
    expect(toParent[1]).toEqual({
      lessonId: lesson.id,
      change: 'moved',
      start: new Date(start).toISOString(),
      end: plus(start, 45),
      previous: { start: lesson.start, end: lesson.end },
    });
  });

  it('reaches clients of another api process through Redis', async () => {
    const onReplica = socketTo(replica.url, { token: tokens['parent1'] });
    const onFirst = socketTo(api.url, { token: tokens['teacher1'] });
    const [toReplica, toFirst] = [onReplica, onFirst].map(heard);
    await Promise.all([onReplica, onFirst].map(connected));

    // Counters are computed only for people connected somewhere: the relaying process finds the other's
    // clients through the adapter too.
    const counters = [onReplica, onFirst].map((socket) => {
      const got: unknown[] = [];
      socket.on(REALTIME_EVENTS.countersUpdated, (payload) => got.push(payload));
      return got;
    });

    // Either process may relay the event; with a client on each, one of them is reached across Redis.
    const lesson = await book(api.url, `${YEAR}-05-13T06:00:00Z`);
    await until(() => toReplica.length > 0 && toFirst.length > 0, 2_000, 'both processes’ clients');
    expect(toReplica).toEqual([expect.objectContaining({ lessonId: lesson.id, change: 'scheduled' })]);
    expect(toFirst).toEqual([expect.objectContaining({ lessonId: lesson.id, change: 'scheduled' })]);
    await until(() => counters.every((got) => got.length > 0), 2_000, 'both processes’ clients’ counters');
    expect(counters[0][0]).toMatchObject({ role: 'parent' });
    expect(counters[1][0]).toMatchObject({ role: 'teacher' });
  });
});

describe('messaging events', () => {
  /** A REST client acting with the token of someone signed in in the setup. */
  const rest = (who: string) => {
    const client = new (admin.constructor as typeof Client)(api.url);
    client.token = tokens[who];
    return client;
  };
  interface Heard {
    created: MessageChangedEvent[];
    updated: MessageChangedEvent[];
    read: ThreadReadEvent[];
    flagged: MessageFlaggedEvent[];
    all: unknown[];
  }
  /** Every messaging event a socket hears, from now on. */
  function heardMessaging(socket: RealtimeClient): Heard {
    const heard: Heard = { created: [], updated: [], read: [], flagged: [], all: [] };
    socket.on(REALTIME_EVENTS.messageCreated, (event) => {
      heard.created.push(event);
      heard.all.push(event);
    });
    socket.on(REALTIME_EVENTS.messageUpdated, (event) => {
      heard.updated.push(event);
      heard.all.push(event);
    });
    socket.on(REALTIME_EVENTS.threadRead, (event) => {
      heard.read.push(event);
      heard.all.push(event);
    });
    socket.on(REALTIME_EVENTS.messageFlagged, (event) => {
      heard.flagged.push(event);
      heard.all.push(event);
    });
    return heard;
  }

  let threadId: string;

  beforeAll(async () => {
    // A family thread: teacher1, the minor student3 and their guardian parent2 (parent1 is of another family).
    const reply = await rest('teacher1').post('/api/v1/threads', { kind: 'family', participantIds: [idOf(demo('student3')), idOf(demo('parent2'))], subject: 'Realtime' });
    if (reply.status !== 201) throw new Error(`thread: ${reply.status} ${JSON.stringify(reply.body)}`);
    threadId = reply.body.id;
  });

  it('tells the thread’s participants of a message, an edit and a read, with ids only, and nobody else', async () => {
    const teacher = socketTo(api.url, { token: tokens['teacher1'] });
    const parent = socketTo(api.url, { token: tokens['parent2'] });
    const otherParent = socketTo(api.url, { token: tokens['parent1'] });
    const [toTeacher, toParent, toOtherParent] = [teacher, parent, otherParent].map(heardMessaging);
    await Promise.all([teacher, parent, otherParent].map(connected));

    const posted = await rest('teacher1').post(`/api/v1/threads/${threadId}/messages`, { body: 'Bring the Czerny on Tuesday.' });
    expect(posted.status).toBe(201);
    await until(() => toParent.created.length > 0 && toTeacher.created.length > 0, 2_000, 'the message reaching teacher1 and parent2');
    const created = { threadId, messageId: posted.body.id, seq: posted.body.seq };
    expect(toParent.created).toEqual([created]);
    expect(toTeacher.created).toEqual([created]);

    const edited = await rest('teacher1').patch(`/api/v1/threads/${threadId}/messages/${posted.body.id}`, { body: 'Bring the Czerny on Wednesday.' });
    expect(edited.status).toBe(200);
    await until(() => toParent.updated.length > 0, 2_000, 'the edit reaching parent2');
    expect(toParent.updated).toEqual([created]);

    const read = await rest('parent2').post(`/api/v1/threads/${threadId}/read`, {});
    expect(read.status).toBe(200);
    await until(() => toTeacher.read.length > 0, 2_000, 'the read reaching teacher1');
    expect(toTeacher.read).toEqual([{ threadId, userId: idOf(demo('parent2')), lastReadSeq: posted.body.seq }]);

    // Ids only: nothing a socket heard holds the message's words.
    expect(JSON.stringify([toTeacher.all, toParent.all])).not.toMatch(/Czerny/);
    await sleep(QUIET_MS);
    expect(toOtherParent.all).toEqual([]);
  });

  it('refuses a socket that asks to join a thread it is not in, and it hears nothing of that thread', async () => {
    const outsider = socketTo(api.url, { token: tokens['parent1'] });
    const teacher = socketTo(api.url, { token: tokens['teacher1'] });
    const [toOutsider, toTeacher] = [outsider, teacher].map(heardMessaging);
    await Promise.all([outsider, teacher].map(connected));
    const forged = outsider as unknown as Socket;
    const reply = (await forged.timeout(2_000).emitWithAck('join', { room: `thread:${threadId}`, threadId })) as { status: number; type: string };
    expect(reply).toMatchObject({ status: 403, type: expect.stringContaining('realtime.client-event-refused') });
    const errors: unknown[] = [];
    forged.on('error.v1', (problem: unknown) => errors.push(problem));
    forged.emit('subscribe', `thread:${threadId}`);
    await until(() => errors.length > 0, 2_000, 'the refusal of an event sent without an acknowledgement');
    expect(errors[0]).toMatchObject({ status: 403 });

    const posted = await rest('teacher1').post(`/api/v1/threads/${threadId}/messages`, { body: 'Only for this family.' });
    expect(posted.status).toBe(201);
    await until(() => toTeacher.created.some((e) => e.messageId === posted.body.id), 2_000, 'the message reaching teacher1');
    await sleep(QUIET_MS);
    expect(toOutsider.all).toEqual([]);
  });

  it('tells the safeguarding lead (the demo admin) of a flag, and not the thread’s participants', async () => {
    const office = socketTo(api.url, { token: tokens['admin'] });
    const teacher = socketTo(api.url, { token: tokens['teacher1'] });
    const [toOffice, toTeacher] = [office, teacher].map(heardMessaging);
    await Promise.all([office, teacher].map(connected));

    const posted = await rest('teacher1').post(`/api/v1/threads/${threadId}/messages`, { body: 'Three hours of scales tonight.' });
    expect(posted.status).toBe(201);
    const flag = await rest('parent2').post(`/api/v1/threads/${threadId}/messages/${posted.body.id}/flags`, { reason: 'Too much for a child.' });
    expect(flag.status).toBe(201);
    const flagged = Date.now();
    await until(() => toOffice.flagged.length > 0, 2_000, 'the flag reaching the lead');
    expect(toOffice.flagged).toEqual([{ threadId, messageId: posted.body.id, flagId: flag.body.id }]);
    expect(toOffice.created).toEqual([]);

    await sleep(Math.max(0, flagged + QUIET_MS - Date.now()));
    expect(toTeacher.flagged).toEqual([]);
  });
});
