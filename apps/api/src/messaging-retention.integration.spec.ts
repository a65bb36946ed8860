import 'reflect-metadata';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { UpdateStudent } from '@cadenza/server/identity/domain';
import { MessagingSweeps } from '@cadenza/server/messaging/api';
import {
  ApplyRetention,
  AttachmentRepository,
  AttachmentStore,
  EditMessage,
  FlagMessage,
  MarkThreadRead,
  MessagingDirectory,
  MessagingPolicies,
  PostMessage,
  StartThread,
  ThreadRepository,
  ThreadRetention,
  UploadAttachment,
  type ThreadId,
} from '@cadenza/server/messaging/domain';
import { buildConfig, parseEnvironment } from '@cadenza/server/platform/config';
import { migrate } from '@cadenza/server/platform/db';
import { createTestDatabase, withClient, type TestDatabase } from '@cadenza/server/testing';
import { AuditTrail, DAY, UnitOfWork, asId, type SchoolId, type UserId, type Actor } from '@cadenza/shared/kernel';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { seedDemoSchool } from '@cadenza/server/demo';
import { createHttpApp } from './http-app.js';
import { persistence } from '@cadenza/server/bridges';
import { inSchool } from '@cadenza/server/demo';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The retention sweep against the real api wiring, PostgreSQL and the disk: a thread whose every
 * student left longer ago than the school's period goes, with its messages, versions, receipts,
 * flags and attachment bytes, leaving an audit record without any message text; threads of
 * current students stay; two sweeps at once remove and audit each thread once.
 */
describe('the messaging retention sweep', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let files: string;
  let schoolId: SchoolId;
  const actors: Record<string, Actor> = {};
  const threads: Record<string, ThreadId> = {};
  let leftOn: Date;

  const rows = (sql: string, params: unknown[] = []) => withClient(db.url, async (c) => (await c.query(sql, params)).rows);
  const count = async (sql: string, params: unknown[]) => Number((await rows(sql, params))[0].n);
  const run = <T>(work: () => Promise<T>) => inSchool(app, schoolId, work);
  const applyAt = (at: Date) =>
    new ApplyRetention(
      app.get(ThreadRepository, { strict: false }),
      app.get(ThreadRetention, { strict: false }),
      app.get(AttachmentRepository, { strict: false }),
      app.get(AttachmentStore, { strict: false }),
      app.get(MessagingDirectory, { strict: false }),
      app.get(MessagingPolicies, { strict: false }),
      app.get(AuditTrail, { strict: false }),
      app.get(UnitOfWork, { strict: false }),
      new FixedClock(at),
    );
  const left = (studentId: UserId, on: string) =>
    run(() => app.get(UpdateStudent).execute({ ...actors['admin'], roles: ['admin'] }, studentId, { leftSchoolOn: on }));

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'cadenza-retention-'));
    db = await createTestDatabase();
    await migrate(db.url, persistence);
    const config = buildConfig(parseEnvironment({ DATABASE_URL: db.url, SMTP_URL: 'smtp://127.0.0.1:2525', LOG_LEVEL: 'silent', ATTACHMENTS_DIR: files }), 'x'.repeat(40));
    app = await createHttpApp(config, db.url, { logs: false });
    await app.init();
    await seedDemoSchool(app);

    const [school] = await rows(`select id from schools`);
    schoolId = asId<SchoolId>(school.id);
    const user = async (email: string) => (await rows(`select id, roles from users where email = $1`, [email]))[0] as { id: string; roles: string[] };
    for (const who of ['admin', 'teacher1', 'teacher2']) {
      const u = await user(`${who}@demo.cadenza.school`);
      actors[who] = { userId: asId<UserId>(u.id), schoolId, roles: u.roles };
    }
    // Two families, each a guardian and a child.
    const families = await rows(`
      select f.id, (select user_id from family_members where family_id = f.id and kind = 'guardian' limit 1) as guardian,
             (select user_id from family_members where family_id = f.id and kind = 'child' order by user_id limit 1) as child
        from families f order by f.name limit 2`);
    for (const [n, f] of families.entries()) {
      const roles = async (id: string) => (await rows(`select roles from users where id = $1`, [id]))[0].roles as string[];
      actors[`guardian${n}`] = { userId: asId<UserId>(f.guardian), schoolId, roles: await roles(f.guardian) };
      actors[`child${n}`] = { userId: asId<UserId>(f.child), schoolId, roles: await roles(f.child) };
    }

    const { teacher1, teacher2, guardian0, child0, guardian1, child1 } = actors;
    await run(async () => {
      const start = app.get(StartThread);
      const post = app.get(PostMessage);
      threads['leaver'] = (await start.execute(teacher1, { kind: 'family', participantIds: [child0.userId, guardian0.userId], subject: 'Leaving' })).id;
      threads['current'] = (await start.execute(teacher1, { kind: 'family', participantIds: [child1.userId, guardian1.userId], subject: 'Staying' })).id;
      threads['mixed'] = (await start.execute(teacher1, { kind: 'group', participantIds: [child0.userId, guardian0.userId, child1.userId, guardian1.userId], subject: 'Duet' })).id;
      threads['staff'] = (await start.execute(teacher1, { kind: 'staff', participantIds: [teacher2.userId] })).id;
      const file = await app.get(UploadAttachment).execute(teacher1, { threadId: threads['leaver'], name: 'scales.pdf', contentType: 'application/pdf', bytes: PDF });
      const first = await post.execute(teacher1, { threadId: threads['leaver'], body: 'Secret practice notes', attachmentIds: [file.id] });
      await post.execute(guardian0, { threadId: threads['leaver'], body: 'Thanks for everything' });
      await app.get(EditMessage).execute(teacher1, { messageId: first.id, body: 'Secret practice notes, edited' });
      await app.get(FlagMessage).execute(guardian0, { messageId: first.id, reason: 'Just checking' });
      await app.get(MarkThreadRead).execute(child0, { threadId: threads['leaver'] });
      for (const t of ['current', 'mixed', 'staff']) await post.execute(teacher1, { threadId: threads[t], body: `Hello ${t}` });
    });
    leftOn = new Date(Date.now() - 10 * DAY);
    await left(child0.userId, day(leftOn));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('keeps everything within the period, then removes the leaver’s thread entirely, with an audit record and no text', async () => {
    expect(await readdir(files, { recursive: true })).toContain(schoolId);
    const ids = Object.values(threads);
    const start = new Date(`${day(leftOn)}T00:00:00Z`).getTime();

    const early = await run(() => applyAt(new Date(start + 729 * DAY)).execute(schoolId));
    expect(early.purged).toEqual([]);
    expect(await count(`select count(*) as n from message_threads where id = any($1::uuid[])`, [ids])).toBe(4);

    const late = await run(() => applyAt(new Date(start + 731 * DAY)).execute(schoolId));
    expect(late).toEqual({ purged: [threads['leaver']], filesRemoved: 1 });

    const leaver = threads['leaver'];
    for (const table of ['message_threads where id', 'message_thread_participants where thread_id', 'messages where thread_id', 'message_read_receipts where thread_id', 'message_flags where thread_id', 'message_attachments where thread_id']) {
      expect(await count(`select count(*) as n from ${table} = $1`, [leaver])).toBe(0);
    }
    expect(await count(`select count(*) as n from message_versions v where not exists (select 1 from messages m where m.id = v.message_id)`, [])).toBe(0);
    const bytes = (await readdir(files, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
    expect(bytes).toEqual([]);

    const audit = await rows(`select actor_id, before, after from audit_events where action = 'messaging.thread.purged_by_retention' and entity_id = $1`, [leaver]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBeNull();
    expect(audit[0].before).toMatchObject({ messages: 2, versions: 3, receipts: 3, flags: 1, attachments: 1, studentsLeftSchoolOn: { [actors['child0'].userId]: day(leftOn) } });
    expect(new Set(audit[0].before.participantIds)).toEqual(new Set([actors['teacher1'].userId, actors['child0'].userId, actors['guardian0'].userId]));
    expect(JSON.stringify(audit[0])).not.toMatch(/Secret|Thanks|Just checking|scales\.pdf/);

    // Threads with a current student, or without students, are untouched.
    for (const t of ['current', 'mixed', 'staff']) {
      expect(await count(`select count(*) as n from messages where thread_id = $1`, [threads[t]])).toBe(1);
    }
  });

  it('refuses to let anyone else remove a message version', async () => {
    const [version] = await rows(`select message_id from message_versions v join messages m on m.id = v.message_id where m.thread_id = $1`, [threads['current']]);
    await expect(rows(`delete from message_versions where message_id = $1`, [version.message_id])).rejects.toThrow(/append-only/);
  });

  it('removes and audits each thread once when two sweeps run at the same time', async () => {
    // The second family's child left long ago: the "current" and "mixed" threads now have only leavers.
    await left(actors['child1'].userId, '2020-01-01');
    await left(actors['child0'].userId, '2020-01-01');
    const sweeps = app.get(MessagingSweeps);
    const [a, b] = await Promise.all([sweeps.sweepRetention(), sweeps.sweepRetention()]);
    expect(a.purged + b.purged).toBe(2);
    for (const t of ['current', 'mixed']) {
      expect(await count(`select count(*) as n from message_threads where id = $1`, [threads[t]])).toBe(0);
      expect(await count(`select count(*) as n from audit_events where action = 'messaging.thread.purged_by_retention' and entity_id = $1`, [threads[t]])).toBe(1);
    }
    expect(await count(`select count(*) as n from message_threads where id = $1`, [threads['staff']])).toBe(1);
  });
});
