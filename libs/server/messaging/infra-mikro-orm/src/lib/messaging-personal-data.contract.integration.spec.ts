import { MikroOrmUnitOfWork, enterSchool } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { newId, type DataSubject, type UserId } from '@cadenza/shared/kernel';
import { personalDataContract } from '@cadenza/shared/kernel/testing';
import { messagingPersistence } from './messaging-persistence.module.js';
import { ERASED_MESSAGE, MikroOrmMessagingPersonalData } from './mikro-orm-messaging-personal-data.js';
import { MikroOrmNotificationsPersonalData } from './mikro-orm-notifications-personal-data.js';

const SHA = 'a'.repeat(64);

describe('messaging’s and notifications’ personal data on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(messagingPersistence));

  async function seeded() {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 3);
    const [teacher, mila, ana] = userIds as unknown as [UserId, UserId, UserId];
    const subject: DataSubject = { schoolId, personId: mila, identifiers: ['Mila Horvat', 'mila@example.test'], pseudonym: 'Former student 1', pseudonymEmail: `erased-${mila}@erased.invalid` };
    const other: DataSubject = { schoolId, personId: ana, identifiers: ['Ana Other'], pseudonym: 'Former student 2', pseudonymEmail: `erased-${ana}@erased.invalid` };
    const sql = em.getConnection();
    const thread = async (people: string[], subjectLine: string | null, oversight = false) => {
      const id = newId();
      await sql.execute(`insert into message_threads (id, school_id, kind, subject, created_by, created_at, lead_oversight) values (?, ?, 'group', ?, ?, now(), ?)`, [id, schoolId, subjectLine, people[0], oversight]);
      for (const [position, person] of people.entries()) await sql.execute(`insert into message_thread_participants (thread_id, user_id, school_id, position) values (?, ?, ?, ?)`, [id, person, schoolId, position]);
      return id;
    };
    let seq = 0;
    const message = async (threadId: string, author: string, ...bodies: string[]) => {
      const id = newId();
      seq += 1;
      await sql.execute(`insert into messages (id, school_id, thread_id, author_id, seq, sent_at) values (?, ?, ?, ?, ?, now())`, [id, schoolId, threadId, author, seq]);
      for (const [i, body] of bodies.entries()) await sql.execute(`insert into message_versions (message_id, version, school_id, body, at) values (?, ?, ?, ?, now())`, [id, i + 1, schoolId, body]);
      return id;
    };
    const lessons = await thread([teacher, mila], 'Mila Horvat’s Tuesday lessons');
    const hers = await message(lessons, mila, 'Hello, I am Mila, mila@example.test', 'Hello, I am Mila Horvat');
    await message(lessons, teacher, 'Welcome MILA HORVAT!');
    await sql.execute(`insert into message_attachments (id, school_id, thread_id, message_id, uploaded_by, uploaded_at, name, content_type, size, sha256) values (?, ?, ?, ?, ?, now(), 'Mila Horvat scales.pdf', 'application/pdf', 10, ?)`, [newId(), schoolId, lessons, hers, mila, SHA]);
    const overseen = await thread([teacher, mila], 'Overseen', true);
    await message(overseen, mila, 'Kept until retention ends');
    const flagged = await thread([teacher, mila], 'Flagged');
    const flaggedMessage = await message(flagged, teacher, 'Words the lead must keep');
    await sql.execute(`insert into message_flags (id, school_id, thread_id, message_id, message_version, flagged_by, reason, created_at) values (?, ?, ?, ?, 1, ?, 'Worrying', now())`, [newId(), schoolId, flagged, flaggedMessage, mila]);
    const anas = await thread([teacher, ana], 'Ana Other’s theory');
    await message(anas, ana, 'Ana Other here');
    // Someone else's thread that speaks of her: her name goes from it too.
    const staffroom = await thread([teacher], 'Staff room');
    await message(staffroom, teacher, 'Did Mila Horvat return the book?');

    const notify = async (user: string, title: string, body: string) =>
      sql.execute(`insert into notifications (id, school_id, user_id, type, source_key, title, body, created_at) values (?, ?, ?, 'message.received', ?, ?, ?, now())`, [newId(), schoolId, user, newId(), title, body]);
    await notify(mila, 'New message', 'Your teacher wrote to you');
    await notify(teacher, 'New message', 'Mila Horvat wrote to you');
    await notify(ana, 'New message', 'Ana Other, your teacher wrote to you');
    const send = async (recipient: string, to: string, text: string) =>
      sql.execute(
        `insert into notification_deliveries (id, school_id, key, recipient_id, type, channel, status, due_at, sent_at, source_key, feed, email, created_at, updated_at) values (?, ?, ?, ?, 'message.received', 'email', 'sent', now(), now(), ?, ?, ?, now(), now())`,
        [newId(), schoolId, newId(), recipient, newId(), JSON.stringify({ title: 'New message', body: text, link: null }), JSON.stringify({ to, subject: 'New message', text, html: `<p>${text}</p>` })],
      );
    await send(mila, 'mila@example.test', 'Dear Mila Horvat, your teacher wrote');
    await send(teacher, 'teacher@example.test', 'Mila Horvat wrote to you');
    await send(ana, 'ana@example.test', 'Dear Ana Other, your teacher wrote');

    const scoped = db.orm.em.fork({ useContext: true });
    enterSchool(scoped, schoolId);
    const uow = new MikroOrmUnitOfWork(scoped);
    return { sql, schoolId, subject, other, scoped, uow, retainedThreads: [overseen, flagged], lessons };
  }

  personalDataContract('messaging', async () => {
    const s = await seeded();
    return {
      holder: new MikroOrmMessagingPersonalData(s.scoped),
      subject: s.subject,
      other: s.other,
      inUnit: (work) => s.uow.run(work),
      erasableText: async () => {
        const kept = `{${s.retainedThreads.join(',')}}`;
        return JSON.stringify([
          await s.sql.execute(`select subject from message_threads where school_id = ? and not (id = any(?::uuid[])) order by id`, [s.schoolId, kept]),
          await s.sql.execute(`select v.body from message_versions v join messages m on m.id = v.message_id where v.school_id = ? and not (m.thread_id = any(?::uuid[])) order by v.message_id, v.version`, [s.schoolId, kept]),
          await s.sql.execute(`select name from message_attachments where school_id = ? order by id`, [s.schoolId]),
        ]);
      },
      recordCount: async () =>
        Number(
          (
            await s.sql.execute(
              `select (select count(*) from message_threads where school_id = ?) + (select count(*) from messages where school_id = ?) + (select count(*) from message_versions where school_id = ?) + (select count(*) from message_attachments where school_id = ?) + (select count(*) from message_flags where school_id = ?) as n`,
              [s.schoolId, s.schoolId, s.schoolId, s.schoolId, s.schoolId],
            )
          )[0].n,
        ),
    };
  });

  personalDataContract('notifications', async () => {
    const s = await seeded();
    return {
      holder: new MikroOrmNotificationsPersonalData(s.scoped),
      subject: s.subject,
      other: s.other,
      inUnit: (work) => s.uow.run(work),
      erasableText: async () =>
        JSON.stringify([
          await s.sql.execute(`select title, body from notifications where school_id = ? order by id`, [s.schoolId]),
          await s.sql.execute(`select feed, email from notification_deliveries where school_id = ? order by id`, [s.schoolId]),
        ]),
      recordCount: async () => Number((await s.sql.execute(`select (select count(*) from notifications where school_id = ?) + (select count(*) from notification_deliveries where school_id = ?) as n`, [s.schoolId, s.schoolId]))[0].n),
    };
  });

  it('keeps threads under safeguarding retention whole, says so in the export, and replaces the person’s own messages elsewhere', async () => {
    const s = await seeded();
    const holder = new MikroOrmMessagingPersonalData(s.scoped);
    await s.uow.run(() => holder.erase(s.subject));
    const kept = await s.sql.execute<{ body: string }[]>(`select v.body from message_versions v join messages m on m.id = v.message_id where m.thread_id = any(?::uuid[]) order by v.body`, [`{${s.retainedThreads.join(',')}}`]);
    expect(kept.map((r: { body: string }) => r.body)).toEqual(['Kept until retention ends', 'Words the lead must keep']);
    const theirs = await s.sql.execute<{ body: string }[]>(`select v.body from message_versions v join messages m on m.id = v.message_id where m.thread_id = ? and m.author_id = ?`, [s.lessons, s.subject.personId]);
    expect(theirs.map((r: { body: string }) => r.body)).toEqual([ERASED_MESSAGE, ERASED_MESSAGE]);
    const section = await holder.export(s.subject);
    expect(section.retained).toHaveLength(2);
    expect(section.retained.join(' ')).toContain('730 days after its students leave');
    // Outside an erasure's transaction the versions stay append-only.
    await expect(s.sql.execute(`update message_versions set body = 'x' where school_id = ?`, [s.schoolId])).rejects.toThrow(/append-only/);
  });
});
