// reminders-burst: BENCH_REMINDERS_IN_APP (default 100,000) in-app reminders and BENCH_REMINDERS_EMAIL (default
// 10,000) email reminders fall due within one minute; BENCH_WORKERS (default 2) worker processes on Redis (Bull)
// deliver them, emails to a local capture SMTP server. Lateness (sent minus due, from the delivery log), duplicates
// (the feed by person and source, the capture server by delivery key) and lost (rows never sent) are reported.
// Targets: lateness p99 < 5 s, 0 duplicates, 0 lost.
//
// The reminders are written into the delivery log as the reminder planner writes them (one row per lesson, person,
// offset and channel, with their feed and email wording) for 1,000 people of the demo school: the planner itself is
// measured by the scheduling side, this measures delivery.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { demoSchool, latencyFigures, migrateDatabase, round, seedUsers, startAppServer } from './lib/app.js';
import { ROOT, createTempDatabase, dist, heading, line, onCleanup, sleep, waitForExit } from './lib/util.js';

const TARGET_P99_MS = 5_000;
const PEOPLE = 1_000;
const WINDOW_MS = 60_000;
const LEAD_MS = 20_000;

function startWorker(env, index) {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server', 'apps', 'worker', 'src', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-8000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-8000)));
  const unregister = onCleanup(() => stop());
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child.pid, 15_000))) child.kill('SIGKILL');
    unregister();
  };
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Cadenza worker is running.')) {
        clearInterval(timer);
        line(`worker ${index + 1}: pid ${child.pid}`);
        resolve({ child, stop, output: () => output });
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`worker exited (${code}):\n${output}`));
    });
  });
}

export async function run() {
  const inApp = Number(process.env.BENCH_REMINDERS_IN_APP ?? 100_000);
  const emails = Number(process.env.BENCH_REMINDERS_EMAIL ?? 10_000);
  const workers = Number(process.env.BENCH_WORKERS ?? 2);
  heading(`reminders-burst: ${inApp.toLocaleString('en')} in-app and ${emails.toLocaleString('en')} email reminders due within one minute, ${workers} worker(s) on Bull`);
  const db = await createTempDatabase('reminders');
  const unregister = onCleanup(() => db.drop());
  const client = new pg.Client({ connectionString: db.url });
  const { MailCapture } = await dist('libs/server/platform/mail/src/index.js');
  const capture = await new MailCapture().start();
  const received = new Map();
  let duplicateMails = 0;
  capture.onMail((mail) => {
    const headers = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const key = /^X-Cadenza-Delivery:\s*(\S+)/im.exec(headers)?.[1];
    if (!key) return;
    if (received.has(key)) duplicateMails++;
    else received.set(key, Date.now());
  });
  // The captured messages are not needed beyond the count: keep memory flat.
  capture.onMail(() => capture.messages.splice(0));
  const running = [];
  try {
    await migrateDatabase(db.url);
    // The demo school, seeded by the real app once, then the app is stopped: only workers run during the burst.
    const seeder = await startAppServer({ databaseUrl: db.url, secret: randomBytes(48).toString('base64url') });
    await seeder.stop();
    await client.connect();
    const { schoolId } = await demoSchool(client);
    const people = await seedUsers(client, schoolId, { prefix: 'remind', count: PEOPLE, roles: ['student'] });
    const emailOf = (i) => `remind${i + 1}@bench.cadenza.test`;

    // The burst: due times spread evenly over one minute that starts LEAD_MS from now.
    const start = Date.now() + LEAD_MS;
    const total = inApp + emails;
    const seedStarted = Date.now();
    for (let from = 0; from < total; from += 5_000) {
      const rows = [];
      for (let n = from; n < Math.min(total, from + 5_000); n++) {
        // Emails spread evenly among the in-app reminders through the minute.
        const channel = Math.floor(((n + 1) * emails) / total) > Math.floor((n * emails) / total) ? 'email' : 'in_app';
        const who = n % PEOPLE;
        const lesson = randomUUID();
        const source = `reminder:${lesson}:${people[who]}:30`;
        const feed = { title: 'Lesson in 30 minutes', body: 'Piano with Bench Teacher at 16:00.', link: `/lessons/${lesson}` };
        rows.push({
          id: randomUUID(),
          key: `${source}:${channel}`,
          recipient: people[who],
          channel,
          due: new Date(start + Math.floor((n / total) * WINDOW_MS)).toISOString(),
          lesson,
          source,
          feed,
          email: channel === 'email' ? { to: emailOf(who), subject: feed.title, text: feed.body, html: `<p>${feed.body}</p>` } : null,
        });
      }
      await client.query(
        `insert into notification_deliveries (id, school_id, key, recipient_id, type, channel, status, attempts, due_at, lesson_id, offset_minutes, source_key, feed, email, created_at, updated_at)
         select r.id, $1, r.key, r.recipient, 'lesson.reminder', r.channel, 'queued', 0, r.due, r.lesson, 30, r.source, r.feed, r.email, now(), now()
           from jsonb_to_recordset($2::jsonb) as r(id uuid, key text, recipient uuid, channel text, due timestamptz, lesson uuid, source text, feed jsonb, email jsonb)`,
        [schoolId, JSON.stringify(rows)],
      );
    }
    line(`seeded ${total.toLocaleString('en')} delivery rows for ${PEOPLE} people in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; the first falls due in ${((start - Date.now()) / 1000).toFixed(1)} s`);

    const env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      AUTH_SECRET: randomBytes(48).toString('base64url'),
      PUBLIC_URL: 'http://127.0.0.1:3000',
      SMTP_URL: capture.url,
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
      NOTIFICATIONS_SWEEP_SECONDS: '5',
      LOG_LEVEL: 'warn',
    };
    for (let i = 0; i < workers; i++) running.push(await startWorker(env, i));

    // Wait for the burst to be delivered (or a generous deadline).
    const deadline = start + WINDOW_MS + 120_000;
    let pending = total;
    while (Date.now() < deadline) {
      await sleep(1000);
      const { rows } = await client.query(`select count(*)::int as n from notification_deliveries where status = 'queued' and school_id = $1 and recipient_id = any($2::uuid[])`, [schoolId, people]);
      pending = rows[0].n;
      if (pending === 0 && Date.now() > start + WINDOW_MS) break;
    }
    await sleep(1000);
    // Only the burst's rows: the demo school's own lessons have reminders of their own.
    const mine = `school_id = $1 and recipient_id = any($2::uuid[])`;
    const { rows: sent } = await client.query(
      `select channel, key, extract(epoch from (sent_at - due_at)) * 1000 as late_ms, extract(epoch from (due_at - $3::timestamptz)) as due_s
         from notification_deliveries where ${mine} and status = 'sent'`,
      [schoolId, people, new Date(start)],
    );
    const { rows: [{ failed }] } = await client.query(`select count(*)::int as failed from notification_deliveries where ${mine} and status = 'failed'`, [schoolId, people]);
    // Lateness through the minute, by 10-second slice of due times: flat means on time, rising means falling behind.
    const slices = Array.from({ length: 6 }, (_, i) => sent.filter((r) => Number(r.due_s) >= i * 10 && Number(r.due_s) < (i + 1) * 10).map((r) => Number(r.late_ms)));
    line(`lateness p99 by 10 s slice of the minute: ${slices.map((values) => (values.length ? `${Math.round(latencyFigures(values).p99Ms)} ms` : 'n/a')).join(', ')}`);
    const { rows: [{ entries, distinct }] } = await client.query(
      `select count(*)::int as entries, count(distinct (user_id, source_key))::int as distinct from notifications where school_id = $1 and user_id = any($2::uuid[]) and type = 'lesson.reminder'`,
      [schoolId, people],
    );
    const inAppLate = sent.filter((r) => r.channel === 'in_app').map((r) => Number(r.late_ms));
    const emailLate = sent.filter((r) => r.channel === 'email').map((r) => Number(r.late_ms));
    const emailKeys = new Set(sent.filter((r) => r.channel === 'email').map((r) => r.key));
    const lostInApp = inApp - inAppLate.length;
    const lostEmail = emails - emailLate.length + [...emailKeys].filter((k) => !received.has(k)).length;
    const duplicates = entries - distinct + duplicateMails;
    const all = latencyFigures([...inAppLate, ...emailLate]);
    const inAppFigures = latencyFigures(inAppLate);
    const emailFigures = latencyFigures(emailLate);
    line(`in-app: ${inAppLate.length.toLocaleString('en')} sent, lateness p50 ${inAppFigures.p50Ms} ms, p99 ${inAppFigures.p99Ms} ms, max ${inAppFigures.maxMs} ms; feed entries ${entries.toLocaleString('en')}`);
    line(`email: ${emailLate.length.toLocaleString('en')} sent (${received.size.toLocaleString('en')} received by the SMTP server), lateness p50 ${emailFigures.p50Ms} ms, p99 ${emailFigures.p99Ms} ms, max ${emailFigures.maxMs} ms; failed ${failed}`);
    line(`duplicates ${duplicates}, lost ${lostInApp + lostEmail} (in-app ${lostInApp}, email ${lostEmail}), still queued ${pending}`);
    const pass = all.p99Ms !== null && all.p99Ms < TARGET_P99_MS && duplicates === 0 && lostInApp + lostEmail === 0;
    line(`target: lateness p99 < ${TARGET_P99_MS} ms, 0 duplicates, 0 lost: ${pass ? 'PASS' : 'FAIL'}`);
    const summary = {
      pass,
      inApp,
      emails,
      workers,
      latenessP50Ms: all.p50Ms,
      latenessP99Ms: all.p99Ms,
      latenessMaxMs: all.maxMs,
      inAppP99Ms: inAppFigures.p99Ms,
      emailP99Ms: emailFigures.p99Ms,
      duplicates,
      lost: lostInApp + lostEmail,
      failed,
    };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return { ...summary, latenessP99Ms: round(all.p99Ms) };
  } finally {
    for (const worker of running) await worker.stop();
    await client.end().catch(() => undefined);
    await capture.stop();
    await db.drop();
    unregister();
  }
}
