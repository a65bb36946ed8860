// Realtime benchmarks: how many authenticated socket.io clients one api instance holds, and how fast a message
// reaches the other people in its thread.
//
//   socket-capacity  BENCH_SOCKETS (default 10,000) clients connect to /ws with access tokens of 1,000 users and
//                    stay connected; the api's RSS before and after gives the memory per connection
//                    (target >= 10,000 clients held)
//   message-latency  1,000 connected users in 200 staff threads of 5; POST /api/v1/threads/:id/messages at
//                    200 messages/s for BENCH_DURATION s, after BENCH_WARMUP s (default 2) at the same rate that are
//                    not counted (their figures are printed); the time from each POST to each other participant's
//                    `message.created.v1` (target p99 < 100 ms), with lost and duplicate deliveries counted
//
// Both run the real app (lib/app.js) on a fresh `cadenza_bench_*` database, without Redis (one instance).
// Tokens are signed with the server's secret, as the app's own sign-in would issue them.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { io } from 'socket.io-client';
import { demoSchool, latencyFigures, migrateDatabase, round, seedUsers, startAppServer } from './lib/app.js';
import { cpuPer, cpuSnapshot, createTempDatabase, heading, line, onCleanup, sleep } from './lib/util.js';

const CAPACITY_TARGET = 10_000;
const LATENCY_TARGET_P99_MS = 100;
const USERS = 1_000;
const THREAD_SIZE = 5;
const MESSAGES_PER_SECOND = 200;
const CONNECT_BATCH = 200;
/** message-latency: seconds of posting at the same rate before the measured run (BENCH_WARMUP, default 2). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 2);

const now = () => performance.timeOrigin + performance.now();

/** An access token for `userId`, as AccessTokens.issue would sign it. */
export function tokenFor(secret, schoolId, userId, roles) {
  return jwt.sign({ sub: userId, sch: schoolId, sid: randomUUID(), roles, sgl: false }, Buffer.from(secret), {
    algorithm: 'HS256',
    issuer: 'cadenza',
    audience: 'cadenza-api',
    expiresIn: '2h',
  });
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

/** Connects one socket; resolves with it once connected, rejects on a refused handshake or after 30 s. */
function connect(baseUrl, token) {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl, { path: '/ws', transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false, timeout: 30_000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Connects `tokens.length` sockets, CONNECT_BATCH handshakes at a time; returns the sockets and the failures. */
async function connectAll(baseUrl, tokens) {
  const sockets = [];
  let failed = 0;
  let firstError = null;
  for (let i = 0; i < tokens.length; i += CONNECT_BATCH) {
    const batch = await Promise.allSettled(tokens.slice(i, i + CONNECT_BATCH).map((token) => connect(baseUrl, token)));
    for (const result of batch) {
      if (result.status === 'fulfilled') sockets.push(result.value);
      else {
        failed++;
        firstError ??= result.reason;
      }
    }
  }
  return { sockets, failed, firstError };
}

async function withApp(label, work) {
  const db = await createTempDatabase(label);
  const unregister = onCleanup(() => db.drop());
  const admin = new pg.Client({ connectionString: db.url });
  let server;
  const secret = randomBytes(48).toString('base64url');
  try {
    await migrateDatabase(db.url);
    server = await startAppServer({ databaseUrl: db.url, secret });
    await admin.connect();
    const { schoolId } = await demoSchool(admin);
    const users = await seedUsers(admin, schoolId, { prefix: `${label}-staff`, count: USERS, roles: ['teacher'] });
    return await work({ server, admin, schoolId, users, token: (userId) => tokenFor(secret, schoolId, userId, ['teacher']) });
  } finally {
    await admin.end().catch(() => undefined);
    await server?.stop();
    await db.drop();
    unregister();
  }
}

export async function socketCapacity() {
  const target = Number(process.env.BENCH_SOCKETS ?? CAPACITY_TARGET);
  heading(`socket-capacity: ${target.toLocaleString('en')} authenticated socket.io clients on one api instance`);
  return withApp('sockets', async ({ server, users, token }) => {
    const tokens = users.map(token);
    // One connection first, so the figure below is the cost of connections, not of loading the gateway.
    const { sockets: warm } = await connectAll(server.baseUrl, tokens.slice(0, 10));
    await sleep(1000);
    const rssBefore = rssOf(server.pid);
    const started = now();
    const { sockets, failed, firstError } = await connectAll(
      server.baseUrl,
      Array.from({ length: target }, (_, i) => tokens[i % tokens.length]),
    );
    const connectSeconds = (now() - started) / 1000;
    line(`connected ${sockets.length.toLocaleString('en')} of ${target.toLocaleString('en')} in ${connectSeconds.toFixed(1)} s (${failed} refused or timed out${firstError ? `: ${firstError.message}` : ''})`);
    // Hold them: every socket must still be connected after the server's first heartbeat rounds.
    await sleep(Number(process.env.BENCH_HOLD_MS ?? 30_000));
    const held = sockets.filter((s) => s.connected).length;
    const rssAfter = rssOf(server.pid);
    const perConnection = (rssAfter - rssBefore) / Math.max(1, sockets.length);
    line(`held ${held.toLocaleString('en')} connected after the hold; api RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB -> ${(rssAfter / 2 ** 20).toFixed(0)} MB, ${(perConnection / 1024).toFixed(1)} KiB per connection`);
    for (const socket of [...sockets, ...warm]) socket.close();
    const pass = held >= CAPACITY_TARGET;
    line(`target: >= ${CAPACITY_TARGET.toLocaleString('en')} clients held: ${pass ? 'PASS' : 'FAIL'}`);
    const summary = {
      pass,
      clients: target,
      connected: sockets.length,
      held,
      connectSeconds: round(connectSeconds, 1),
      rssBeforeMb: round(rssBefore / 2 ** 20, 0),
      rssAfterMb: round(rssAfter / 2 ** 20, 0),
      kibPerConnection: round(perConnection / 1024, 1),
    };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  });
}

export async function messageLatency() {
  const seconds = Number(process.env.BENCH_DURATION ?? 10);
  heading(`message-latency: ${MESSAGES_PER_SECOND} messages/s for ${seconds} s across ${USERS.toLocaleString('en')} connected clients`);
  return withApp('latency', async ({ server, users, token }) => {
    const tokens = new Map(users.map((id) => [id, token(id)]));
    // Threads of THREAD_SIZE staff, started over REST by their first member.
    const threads = [];
    for (let i = 0; i < users.length; i += THREAD_SIZE) {
      const members = users.slice(i, i + THREAD_SIZE);
      const response = await fetch(`${server.baseUrl}/api/v1/threads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.get(members[0])}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'staff', participantIds: members.slice(1), subject: `Bench ${i / THREAD_SIZE + 1}` }),
      });
      if (response.status !== 201) throw new Error(`starting a thread: ${response.status} ${await response.text()}`);
      threads.push({ id: (await response.json()).id, members });
    }
    const threadOf = new Map(threads.flatMap((t) => t.members.map((m) => [m, t])));

    // Arrivals by message id and receiver: a second arrival for the same pair is a duplicate.
    const arrivals = new Map();
    let duplicates = 0;
    const { sockets, failed } = await connectAll(server.baseUrl, users.map((id) => tokens.get(id)));
    if (failed > 0) throw new Error(`${failed} sockets could not connect`);
    sockets.forEach((socket, i) => {
      const receiver = users[i];
      socket.on('message.created.v1', (event) => {
        const at = now();
        const byReceiver = arrivals.get(event.messageId) ?? new Map();
        if (byReceiver.has(receiver)) duplicates++;
        else byReceiver.set(receiver, at);
        arrivals.set(event.messageId, byReceiver);
      });
    });
    line(`${threads.length} threads of ${THREAD_SIZE}, ${sockets.length} sockets connected`);

    // The senders: a fixed schedule of POSTs (open loop), each by a member of a thread in turn. `first` numbers the
    // messages, so the warm-up's and the measured run's authors follow on.
    const offer = async (offerSeconds, first) => {
      const sent = [];
      let errors = 0;
      const total = MESSAGES_PER_SECOND * offerSeconds;
      const interval = 1000 / MESSAGES_PER_SECOND;
      const start = now() + 200;
      const posts = [];
      for (let n = first; n < first + total; n++) {
        const due = start + (n - first) * interval;
        const wait = due - now();
        if (wait > 1) await sleep(wait);
        const author = users[(n * 7) % users.length];
        const thread = threadOf.get(author);
        const postedAt = now();
        posts.push(
          fetch(`${server.baseUrl}/api/v1/threads/${thread.id}/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens.get(author)}`, 'content-type': 'application/json' },
            body: JSON.stringify({ body: `Bench message ${n + 1}` }),
          })
            .then(async (response) => {
              if (response.status !== 201) {
                errors++;
                return;
              }
              const message = await response.json();
              sent.push({ id: message.id, postedAt, receivers: thread.members.filter((m) => m !== author) });
            })
            .catch(() => errors++),
        );
      }
      await Promise.all(posts);
      return { sent, errors, offeredSeconds: (now() - start) / 1000 };
    };
    const outcome = ({ sent }) => {
      const latencies = [];
      let lost = 0;
      for (const message of sent) {
        const byReceiver = arrivals.get(message.id);
        for (const receiver of message.receivers) {
          const at = byReceiver?.get(receiver);
          if (at === undefined) lost++;
          else latencies.push(at - message.postedAt);
        }
      }
      return { latencies, lost };
    };

    // A warm-up at the same rate, not counted (the api's first seconds open its pool's connections and prepare
    // their statements, and V8 compiles the hot paths); then the measured run, on the warm api.
    const warm = await offer(WARMUP_SECONDS, 0);
    await sleep(1000);
    const warmFigures = latencyFigures(outcome(warm).latencies);
    line(`warm-up (not counted): ${warm.sent.length} messages in ${warm.offeredSeconds.toFixed(1)} s, p50 ${warmFigures.p50Ms} ms, p99 ${warmFigures.p99Ms} ms, max ${warmFigures.maxMs} ms`);
    // The load client's own event loop (1,000 sockets and the POSTs in this one process): a delivery is timed when
    // this loop gets to it, so its delays are in the figures too.
    const clientDelay = monitorEventLoopDelay({ resolution: 5 });
    clientDelay.enable();
    const cpuBefore = cpuSnapshot(server.pid);
    const { sent, errors, offeredSeconds } = await offer(seconds, warm.sent.length + warm.errors);
    await sleep(3000);
    // What each message cost, its pushes to the other participants included: on a shared machine the latency
    // figures move with everything else running, the api's own CPU time much less.
    const cpu = cpuPer(cpuBefore, cpuSnapshot(server.pid), sent.length);
    clientDelay.disable();
    const clientLag = { p50Ms: round(clientDelay.percentile(50) / 1e6, 1), p99Ms: round(clientDelay.percentile(99) / 1e6, 1), maxMs: round(clientDelay.max / 1e6, 1) };
    const { latencies, lost } = outcome({ sent });
    for (const socket of sockets) socket.close();
    const figures = latencyFigures(latencies);
    line(`posted ${sent.length} messages in ${offeredSeconds.toFixed(1)} s (${(sent.length / offeredSeconds).toFixed(0)}/s), ${errors} failed; deliveries ${latencies.length}, lost ${lost}, duplicates ${duplicates}`);
    line(`POST -> other participants' socket: p50 ${figures.p50Ms} ms, p90 ${figures.p90Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`);
    line(`load client's event-loop delay (5 ms resolution): p50 ${clientLag.p50Ms} ms, p99 ${clientLag.p99Ms} ms, max ${clientLag.maxMs} ms`);
    line(
      `CPU per message: app ${cpu.app.toFixed(2)} ms (main thread ${cpu.appMain.toFixed(2)}), PostgreSQL ${cpu.postgres.toFixed(2)} ms (every backend on the machine), ` +
        `load client ${cpu.bench.toFixed(2)} ms; the app's main thread waited for a CPU ${cpu.appMainRunQueue.toFixed(2)} ms a message`,
    );
    const pass = figures.p99Ms !== null && figures.p99Ms < LATENCY_TARGET_P99_MS && lost === 0 && duplicates === 0 && errors === 0;
    line(`target: p99 < ${LATENCY_TARGET_P99_MS} ms, 0 lost, 0 duplicates: ${pass ? 'PASS' : 'FAIL'}`);
    const summary = { pass, messages: sent.length, ratePerSecond: round(sent.length / offeredSeconds, 0), errors, deliveries: latencies.length, lost, duplicates, ...figures, clientEventLoopDelay: clientLag, cpuMsPerMessage: { app: round(cpu.app, 3), appMain: round(cpu.appMain, 3), postgres: round(cpu.postgres, 3) } };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  });
}
