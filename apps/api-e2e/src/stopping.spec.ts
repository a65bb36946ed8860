import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io } from 'socket.io-client';
import { freePort, startApiProcess, waitFor, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn } from './support/client.js';
import { HoldingSmtp } from './support/holding-smtp.js';
import { directory, plus, writeClearingTheWay } from './support/scheduling.js';

/**
 * Stopping never hangs, and a clean stop exits 0: the api in the embedded default (its own PostgreSQL, mail
 * capture and inline jobs) and the worker, each stopped with SIGTERM at several moments: during start-up, with
 * sockets open and requests in flight, while a job is sending; and, with a send that never ends, the worker
 * exits anyway at its deadline.
 */
const root = resolve(import.meta.dirname, '../../..');
const apiMain = resolve(root, 'dist/server/apps/api/src/main.js');
const workerMain = resolve(root, 'dist/server/apps/worker/src/main.js');
const DEADLINE_SECONDS = 20;

interface Running {
  child: ChildProcess;
  output(): string;
  /** Resolves how it ended, once it has. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(main: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [main], { env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_SECONDS: String(DEADLINE_SECONDS), ...env }, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return { child, output: () => output, ended };
}

/** Sends SIGTERM; how the process ended and how long it took. A process still alive after `limitMs` is killed and the test fails. */
async function stop(running: Running, limitMs = (DEADLINE_SECONDS + 10) * 1000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const sent = Date.now();
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), limitMs);
  const ended = await running.ended;
  clearTimeout(timer);
  return { ...ended, ms: Date.now() - sent };
}

const accepts = (port: number) =>
  new Promise<boolean>((resolveAccepts) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolveAccepts(true);
    });
    socket.once('error', () => resolveAccepts(false));
  });

describe('stopping the api in the embedded default', () => {
  let dataDir: string;
  let ports: { http: number; pg: number };
  const embeddedEnv = () => ({ CADENZA_DATA_DIR: dataDir, PORT: String(ports.http), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(ports.pg) });
  /** The embedded database is down: its port closed and its pid file removed (an orderly stop, not an orphan). */
  const databaseStopped = async () => ({ listening: await accepts(ports.pg), pidFile: existsSync(join(dataDir, 'postgres', 'postmaster.pid')) });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cadenza-stop-'));
    // The embedded PostgreSQL runs as its own system user when started as root: it must reach the folder.
    chmodSync(dataDir, 0o755);
    ports = { http: await freePort(), pg: await freePort() };
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 when stopped as soon as it starts, and when stopped with its database up and start-up still going', async () => {
    // Stopped as soon as it has taken the signals: before or while its database starts (a first start: initdb too).
    const early = run(apiMain, embeddedEnv());
    await waitFor(async () => early.output().includes('Cadenza is starting…'), 60_000, early.output);
    const first = await stop(early);
    expect({ code: first.code, signal: first.signal, output: first.code === 0 ? '' : early.output() }).toEqual({ code: 0, signal: null, output: '' });
    expect(await databaseStopped()).toEqual({ listening: false, pidFile: false });

    const later = run(apiMain, embeddedEnv());
    await waitFor(() => accepts(ports.pg), 120_000, later.output);
    expect(await accepts(ports.http)).toBe(false);
    const second = await stop(later);
    expect({ code: second.code, signal: second.signal, output: second.code === 0 ? '' : later.output() }).toEqual({ code: 0, signal: null, output: '' });
    expect(second.ms).toBeLessThan(DEADLINE_SECONDS * 1000);
    expect(await databaseStopped()).toEqual({ listening: false, pidFile: false });
  });

  it('exits 0 with sockets open, jobs running and requests in flight: the sockets are closed, every request answered', async () => {
    const api = run(apiMain, embeddedEnv());
    const url = `http://127.0.0.1:${ports.http}`;
    await waitFor(async () => (await fetch(`${url}/health/ready`)).ok, 180_000, api.output);
    const admin = await signedIn(url, demo('admin'));
    const idOf = await directory(admin);
    const socket = io(url, { path: '/ws', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: admin.token } });
    await new Promise<void>((r, reject) => {
      socket.once('connect', () => r());
      socket.once('connect_error', reject);
    });
    const disconnected = new Promise<string>((r) => socket.once('disconnect', (reason) => r(reason)));
    // A booking: its events go through the relay and the inline jobs (notifications, reminders).
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const booked = await writeClearingTheWay(admin, () =>
      admin.post('/api/v1/lessons', { teacherId: idOf(demo('teacher1')), studentIds: [idOf(demo('student1'))], start, end: plus(start, 30), override: { reason: 'Stop test' } }),
    );
    expect(booked.status).toBe(201);
    // Requests on their way as the signal arrives: each is answered (or refused at the door), none left hanging.
    const inFlight = Array.from({ length: 8 }, () =>
      fetch(`${url}/api/v1/lessons?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(plus(new Date().toISOString(), 7 * 24 * 60))}`, {
        headers: { authorization: `Bearer ${admin.token}` },
      }).then(
        (reply) => reply.status,
        () => 'refused',
      ),
    );
    const stopped = await stop(api);
    expect({ code: stopped.code, signal: stopped.signal, output: stopped.code === 0 ? '' : api.output() }).toEqual({ code: 0, signal: null, output: '' });
    expect(stopped.ms).toBeLessThan(DEADLINE_SECONDS * 1000);
    for (const status of await Promise.all(inFlight)) expect([200, 503, 'refused']).toContain(status);
    expect(await disconnected).toBeTruthy();
    socket.close();
    expect(await accepts(ports.http)).toBe(false);
    expect(await databaseStopped()).toEqual({ listening: false, pidFile: false });
    expect(api.output()).toMatch(/Cadenza stopped in \d+\.\d s\./);
  });
});

describe('stopping the worker', () => {
  let api: ApiProcess;
  let smtp: HoldingSmtp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let idOf: (email: string) => string;
  let teacher = 0;
  const worker = (env: Record<string, string> = {}) => run(workerMain, { ...api.env, SMTP_URL: smtp.url, NOTIFICATIONS_SWEEP_SECONDS: '1', NOTIFICATIONS_LEASE_SECONDS: '5', ...env });
  const running = (w: Running) => waitFor(async () => w.output().includes('Cadenza worker is running.'), 120_000, w.output);

  /** A lesson whose 30-minute reminder email to its student falls due in a few seconds; its email rows' keys. */
  async function reminderDueSoon(): Promise<string> {
    teacher++;
    const start = new Date(Date.now() + 30 * 60_000 + 4_000).toISOString();
    const reply = await writeClearingTheWay(admin, () =>
      admin.post('/api/v1/lessons', { teacherId: idOf(demo(`teacher${teacher}`)), studentIds: [idOf(demo(`student${teacher}`))], start, end: plus(start, 30), override: { reason: 'Stop test' } }),
    );
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  }
  const emailRows = (lessonId: string) =>
    withClient(api.db.url, async (db) => (await db.query<{ key: string; status: string }>(`select key, status from notification_deliveries where lesson_id = $1 and channel = 'email' and offset_minutes = 30`, [lessonId])).rows);

  beforeAll(async () => {
    smtp = await new HoldingSmtp().start();
    api = await startApiProcess({ CADENZA_JOBS: 'off' });
    admin = await signedIn(api.url, demo('admin'));
    idOf = await directory(admin);
  });

  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
  });

  it('exits 0 when stopped during start-up', async () => {
    const early = worker();
    await waitFor(async () => early.output().includes('Cadenza worker is starting…'), 60_000, early.output);
    const stopped = await stop(early);
    expect({ code: stopped.code, signal: stopped.signal, output: stopped.code === 0 ? '' : early.output() }).toEqual({ code: 0, signal: null, output: '' });
  });

  it('exits 0 when stopped while a send is in flight, once the send is done, and the send is recorded once', async () => {
    const w = worker();
    await running(w);
    const lesson = await reminderDueSoon();
    smtp.arm();
    await waitFor(async () => smtp.held().ends.length >= 1, 60_000, w.output);
    const stopping = stop(w);
    // The send in flight ends (its answer arrives) after the signal: the stop waits for it.
    await new Promise((r) => setTimeout(r, 500));
    expect(w.child.exitCode).toBeNull();
    smtp.disarm();
    const stopped = await stopping;
    expect({ code: stopped.code, signal: stopped.signal, output: stopped.code === 0 ? '' : w.output() }).toEqual({ code: 0, signal: null, output: '' });
    const held = await emailRows(lesson);
    expect(held.filter((r) => smtp.countOf(r.key) > 1)).toEqual([]);
  });

  it('exits anyway at its deadline when a send never ends', async () => {
    const w = worker({ SHUTDOWN_TIMEOUT_SECONDS: '3' });
    await running(w);
    await reminderDueSoon();
    smtp.arm();
    await waitFor(async () => smtp.held().ends.length >= 1, 60_000, w.output);
    const stopped = await stop(w, 30_000);
    smtp.disarm();
    expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 1, signal: null });
    expect(stopped.ms).toBeGreaterThanOrEqual(2_500);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(w.output()).toContain('Cadenza worker did not stop within 3 s; exiting anyway.');
  });
});
