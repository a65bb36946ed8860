import { integrationEvent, type IntegrationEvent, type LessonV1, type StoredEvent } from '@cadenza/shared/integration-events';
import { asId, HOUR, MINUTE, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, ImmediateUnitOfWork } from '@cadenza/shared/kernel/testing';
import {
  DeliverDue,
  DeliverDueInApp,
  EmailFailure,
  HandleNotificationEvents,
  MarkNotificationsRead,
  NotificationLinks,
  NotificationPreferences,
  Notifier,
  PlanReminders,
  UpdateNotificationPreferences,
  lessonTime,
  offsetWords,
  reminderKey,
  renderDigest,
  renderEmail,
} from '../index.js';
import {
  InMemoryDeliveryLog,
  InMemoryFeed,
  InMemoryNotificationDirectory,
  InMemoryPreferences,
  RecordingEmailSender,
  RecordingQueue,
  SCHOOL,
} from '../testing/in-memory-notifications.js';

const [TEACHER, STUDENT, MINOR, PARENT, LEAD] = ['t', 's', 'm', 'p', 'l'].map((c) => `00000000-0000-4000-8000-00000000000${c.charCodeAt(0) % 10}${c}`.slice(-36) as UserId);

/** An event as the outbox hands it over. */
const stored = (id: string, at: Date, event: IntegrationEvent): StoredEvent => ({ id, schoolId: SCHOOL, occurredAt: at, ...event });
const flagged = () => integrationEvent('message.flagged.v1', { actorId: STUDENT, threadId: asId('th'), messageId: asId('m'), flagId: asId('f'), flaggedBy: STUDENT });
const request = (type: 'lesson_request.created.v1' | 'lesson_request.approved.v1' | 'lesson_request.declined.v1', kind: 'new_lesson' | 'reschedule' | 'cancellation') =>
  integrationEvent(type, { actorId: STUDENT, requestId: asId('q'), kind, requestedBy: STUDENT, studentId: STUDENT, teacherId: TEACHER });

function world(start = '2026-03-02T09:00:00Z', digestMs = 0) {
  const clock = new FixedClock(start);
  const feed = new InMemoryFeed();
  const prefs = new InMemoryPreferences();
  const log = new InMemoryDeliveryLog();
  const directory = new InMemoryNotificationDirectory();
  const queue = new RecordingQueue();
  const email = new RecordingEmailSender();
  const uow = new ImmediateUnitOfWork();
  const links = new NotificationLinks('https://school.example');
  for (const [id, minor] of [[TEACHER, false], [STUDENT, false], [MINOR, true], [PARENT, false], [LEAD, false]] as const) {
    directory.people.set(id, { id, email: `${id}@example.com`, timeZone: 'Europe/London', minor, staff: id === TEACHER || id === LEAD });
  }
  directory.guardians.set(MINOR, [PARENT]);
  directory.leads = [LEAD];
  const reminders = new PlanReminders(directory, prefs, log, queue, links, uow, clock);
  const notifier = new Notifier(feed, prefs, log, directory, links, digestMs);
  const events = new HandleNotificationEvents(notifier, reminders, directory, queue, uow, clock);
  const deliver = new DeliverDue(log, feed, email, uow, clock);
  const deliverInApp = new DeliverDueInApp(log, feed, uow, clock);
  const audit = { record: async () => undefined };
  const update = new UpdateNotificationPreferences(prefs, directory, reminders, audit, uow);
  const lesson = (id: string, startsIn: number, studentIds: UserId[] = [STUDENT]) => {
    const start = new Date(clock.now().getTime() + startsIn);
    directory.lessons.set(id, { id, schoolId: SCHOOL, teacherId: TEACHER, accompanistId: null, studentIds, start, end: new Date(start.getTime() + HOUR), cancelled: false });
    return id;
  };
  return { clock, feed, prefs, log, directory, queue, email, reminders, events, deliver, deliverInApp, update, lesson, uow };
}

const actor = (userId: UserId, roles = ['student']) => ({ userId, schoolId: SCHOOL, roles });

describe('reminders', () => {
  it('plans only what falls due within the 48-hour horizon, for teacher, students and guardians of minors', async () => {
    const w = world();
    w.lesson('L1', 3 * HOUR, [STUDENT, MINOR]);
    w.lesson('far', 10 * 24 * HOUR);
    await w.reminders.sweep();
    const keys = [...w.log.rows.keys()];
    expect(keys.some((k) => k.includes('far'))).toBe(false);
    // 24 h before is already past; 60 and 30 minutes, two channels, four people.
    expect(keys.filter((k) => k.startsWith('reminder:L1:'))).toHaveLength(2 * 2 * 4);
    expect(keys).toContain(reminderKey('L1', PARENT, 30, 'email'));
    // Topping up again adds nothing.
    expect(await w.reminders.sweep()).toBe(0);
  });

  it('moves unsent reminders with the lesson and skips them when it is cancelled', async () => {
    const w = world();
    w.lesson('L1', 3 * HOUR);
    await w.reminders.sweep();
    const key = reminderKey('L1', STUDENT, 60, 'email');
    const before = w.log.rows.get(key)?.dueAt.getTime() ?? 0;
    const facts = w.directory.lessons.get('L1');
    if (!facts) throw new Error('no lesson');
    facts.start = new Date(facts.start.getTime() + 2 * HOUR);
    await w.reminders.forLesson('L1');
    expect(w.log.rows.get(key)?.dueAt.getTime()).toBe(before + 2 * HOUR);
    facts.cancelled = true;
    await w.reminders.forLesson('L1');
    expect([...w.log.rows.values()].filter((r) => r.lessonId === 'L1').every((r) => r.status === 'skipped' && r.reason === 'lesson cancelled')).toBe(true);
  });

  it('sends each key once however often it is delivered', async () => {
    const w = world();
    w.lesson('L1', 30 * MINUTE + 10_000);
    await w.reminders.sweep();
    w.clock.advance(11_000);
    const key = reminderKey('L1', STUDENT, 30, 'email');
    // A sweep just after it fell due leaves it to be sent.
    await w.reminders.sweep();
    expect(w.log.rows.get(key)?.status).toBe('queued');
    const outcomes = await Promise.all([w.deliver.execute(key), w.deliver.execute(key), w.deliver.execute(key)]);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(await w.deliver.execute(key)).toBe('not-due');
    expect(w.email.sent.map((s) => s.key)).toEqual([key]);
    await w.deliver.execute(reminderKey('L1', STUDENT, 30, 'in_app'));
    await w.deliver.execute(reminderKey('L1', STUDENT, 30, 'in_app'));
    expect(w.feed.rows.filter((r) => r.userId === STUDENT)).toHaveLength(1);
  });

  it('delivers a burst of due in-app reminders in batches, each once, leaving emails and what is not yet due', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) w.lesson(`B${i}`, 30 * MINUTE + 10_000 + i * 1000, [STUDENT, MINOR]);
    w.lesson('LATER', 3 * HOUR);
    await w.reminders.sweep();
    w.clock.advance(20_000);
    const dueInApp = [...w.log.rows.values()].filter((r) => r.channel === 'in_app' && r.status === 'queued' && r.dueAt <= w.clock.now());
    // Teacher, two students and the minor's parent, for five lessons.
    expect(dueInApp).toHaveLength(20);
    expect(await Promise.all([w.deliverInApp.execute(8), w.deliverInApp.execute(8)])).toEqual([8, 8]);
    expect(await w.deliverInApp.execute(8)).toBe(4);
    expect(await w.deliverInApp.execute(8)).toBe(0);
    expect(w.feed.rows.filter((r) => r.kind === 'lesson.reminder')).toHaveLength(20);
    expect(dueInApp.every((r) => w.log.rows.get(r.key)?.status === 'sent')).toBe(true);
    // Emails go their own way (one at a time, held until committed), and nothing for the later lesson yet.
    expect([...w.log.rows.values()].filter((r) => r.channel === 'email' && r.status === 'queued').length).toBeGreaterThan(0);
    expect(w.feed.rows.some((r) => r.sourceKey.includes('LATER'))).toBe(false);
  });

  it('holds email for quiet hours in the person’s zone and skips it when they last past the lesson', async () => {
    const w = world('2026-03-02T21:00:00Z');
    await w.update.execute(actor(STUDENT), { quietHours: { start: '22:00', end: '07:30' }, timeZone: 'Europe/Paris' });
    w.lesson('late', 90 * MINUTE); // 22:30 UTC = 23:30 in Paris; reminders at 22:30 and 23:00 Paris
    w.lesson('morning', 11 * HOUR); // 08:00 UTC = 09:00 Paris; 60 min before is 08:00 Paris (fine), 30 min before 08:30
    await w.reminders.sweep();
    expect(w.log.rows.get(reminderKey('late', STUDENT, 60, 'email'))).toMatchObject({ status: 'skipped', reason: 'quiet hours last until the lesson starts' });
    expect(w.log.rows.get(reminderKey('late', STUDENT, 60, 'in_app'))).toMatchObject({ status: 'queued' });
    const held = NotificationPreferences.defaults(STUDENT, SCHOOL, 'Europe/Paris');
    held.apply({ quietHours: { start: '22:00', end: '07:30' } });
    expect(held.emailReleaseAt(new Date('2026-03-02T23:00:00Z')).toISOString()).toBe('2026-03-03T06:30:00.000Z');
    expect(held.emailReleaseAt(new Date('2026-03-03T12:00:00Z')).toISOString()).toBe('2026-03-03T12:00:00.000Z');
  });

  it('follows a person’s own offsets after they change them', async () => {
    const w = world();
    w.lesson('L1', 3 * HOUR);
    await w.reminders.sweep();
    await w.update.execute(actor(STUDENT), { reminderOffsets: [120] });
    expect(w.log.rows.get(reminderKey('L1', STUDENT, 120, 'email'))?.status).toBe('queued');
    expect(w.log.rows.get(reminderKey('L1', STUDENT, 60, 'email'))?.status).toBe('skipped');
    expect(w.log.rows.get(reminderKey('L1', TEACHER, 60, 'email'))?.status).toBe('queued');
  });
});

describe('preferences', () => {
  it('refuses a bad field naming it and changes nothing', async () => {
    const w = world();
    await expect(w.update.execute(actor(STUDENT), { timeZone: 'Mars/Olympus', quietHours: { start: '22:00', end: '07:00' } })).rejects.toMatchObject({
      kind: 'invalid',
      details: { fields: [{ field: 'timeZone' }] },
    });
    await expect(w.update.execute(actor(STUDENT), { quietHours: { start: '22:00', end: '22:00' } })).rejects.toMatchObject({ details: { fields: [{ field: 'quietHours.end' }] } });
    await expect(w.update.execute(actor(STUDENT), { reminderOffsets: [60, 2] })).rejects.toMatchObject({ details: { fields: [{ field: 'reminderOffsets.1' }] } });
    expect(w.prefs.rows.size).toBe(0);
  });
});

describe('notifications from events', () => {
  it('escalates a flag to the lead, in-app at once and by email', async () => {
    const w = world();
    await w.events.execute([stored('e1', w.clock.now(), flagged())]);
    expect(w.feed.rows.map((r) => [r.userId, r.kind])).toEqual([[LEAD, 'message.flagged']]);
    expect(w.log.rows.get(`event:e1:${LEAD}:email`)).toMatchObject({ status: 'queued' });
    expect([...w.queue.jobs.keys()][0]).toContain(`event:e1:${LEAD}:email`);
    // Handling the same event again writes nothing more.
    await w.events.execute([stored('e1', w.clock.now(), flagged())]);
    expect(w.feed.rows).toHaveLength(1);
  });

  it('tells the lead when the safeguarding rule newly holds a thread (a guardian must join, or the lead now oversees it)', async () => {
    const w = world();
    const changed = (change: 'guardian_required' | 'lead_oversight') => integrationEvent('thread.safeguarding_changed.v1', { actorId: TEACHER, threadId: asId('th'), change, minorId: MINOR });
    await w.events.execute([stored('e7', w.clock.now(), changed('guardian_required')), stored('e8', w.clock.now(), changed('lead_oversight'))]);
    expect(w.feed.rows.map((r) => [r.userId, r.kind, r.title, r.link])).toEqual([
      [LEAD, 'message.flagged', 'A conversation needs a guardian', '/safeguarding/threads/th'],
      [LEAD, 'message.flagged', 'A conversation is under your oversight', '/safeguarding/threads/th'],
    ]);
    expect(w.log.rows.get(`event:e7:${LEAD}:email`)).toMatchObject({ status: 'queued' });
  });

  it('tells a message’s other participants in-app, with email off by default', async () => {
    const w = world();
    await w.events.execute([stored('e2', w.clock.now(), integrationEvent('message.created.v1', { threadId: asId('th'), messageId: asId('m'), seq: 1, actorId: TEACHER, participantIds: [TEACHER, STUDENT] }))]);
    expect(w.feed.rows.map((r) => r.userId)).toEqual([STUDENT]);
    expect(w.log.rows.get(`event:e2:${STUDENT}:email`)).toMatchObject({ status: 'skipped', reason: 'email is off for this type in the preferences' });
  });

  it('tells a cancelled lesson’s people, guardians of minors included, and cancels its reminders', async () => {
    const w = world();
    w.lesson('L1', 3 * HOUR, [MINOR]);
    await w.reminders.sweep();
    const facts = w.directory.lessons.get('L1');
    if (!facts) throw new Error('no lesson');
    facts.cancelled = true;
    const lesson: LessonV1 = { lessonId: asId('L1'), seriesId: null, teacherId: TEACHER, studentIds: [MINOR], accompanistId: null, roomId: null, start: facts.start.toISOString(), end: facts.end.toISOString() };
    await w.events.execute([stored('e3', w.clock.now(), integrationEvent('lesson.cancelled.v1', { actorId: TEACHER, lesson, reason: '', late: false, creditGranted: false }))]);
    expect(new Set(w.feed.rows.map((r) => r.userId))).toEqual(new Set([TEACHER, MINOR, PARENT]));
    expect([...w.log.rows.values()].filter((r) => r.lessonId === 'L1' && r.status === 'queued')).toHaveLength(0);
  });
});

describe('requests', () => {
  it('tells the teacher of a new request and its author of the decision', async () => {
    const w = world();
    await w.events.execute([stored('r1', w.clock.now(), request('lesson_request.created.v1', 'new_lesson'))]);
    await w.events.execute([stored('r2', w.clock.now(), request('lesson_request.declined.v1', 'new_lesson'))]);
    expect(w.feed.rows.map((r) => [r.userId, r.title])).toEqual([
      [TEACHER, 'A new request'],
      [STUDENT, 'Your request was declined'],
    ]);
  });
});

describe('admins and new requests', () => {
  it('tells the school’s admins of a new request too, by email as their preferences say, and never the one who made it', async () => {
    const w = world();
    const ADMIN = LEAD;
    w.directory.adminIds = [ADMIN, TEACHER];
    await w.update.execute(actor(ADMIN, ['admin']), { email: { 'lesson-request.updated': false } });
    await w.events.execute([stored('n1', w.clock.now(), request('lesson_request.created.v1', 'reschedule'))]);
    expect(w.feed.rows.map((r) => [r.userId, r.body]).sort()).toEqual(
      [
        [TEACHER, 'A reschedule request is waiting for your decision.'],
        [ADMIN, 'A reschedule request is waiting for a decision by its teacher or an admin.'],
      ].sort(),
    );
    expect(w.log.rows.get(`event:n1:${ADMIN}:email`)).toMatchObject({ status: 'skipped', reason: 'email is off for this type in the preferences' });
    expect(w.log.rows.get(`event:n1:${TEACHER}:email`)).toMatchObject({ status: 'queued' });
    // An admin asking for a lesson with a teacher is not told of their own request.
    await w.events.execute([stored('n2', w.clock.now(), integrationEvent('lesson_request.created.v1', { actorId: ADMIN, requestId: asId('q2'), kind: 'new_lesson', requestedBy: ADMIN, studentId: STUDENT, teacherId: TEACHER }))]);
    expect(w.feed.rows.filter((r) => r.sourceKey === 'event:n2').map((r) => r.userId)).toEqual([TEACHER]);
  });
});

describe('delivery failures', () => {
  it('falls back to the feed and logs it when the server refuses the address', async () => {
    const w = world();
    await w.events.execute([stored('e4', w.clock.now(), request('lesson_request.declined.v1', 'reschedule'))]);
    w.email.failWith = new EmailFailure('550 no such mailbox', true);
    const key = `event:e4:${STUDENT}:email`;
    expect(await w.deliver.execute(key)).toBe('failed');
    expect(w.log.rows.get(key)).toMatchObject({ status: 'failed', reason: '550 no such mailbox' });
    expect(w.log.rows.get(`${key}:fallback`)).toMatchObject({ channel: 'in_app', status: 'sent' });
    expect(w.feed.rows.filter((r) => r.userId === STUDENT)).toHaveLength(1);
  });

  it('retries a passing failure later', async () => {
    const w = world();
    await w.events.execute([stored('e5', w.clock.now(), request('lesson_request.approved.v1', 'cancellation'))]);
    const key = `event:e5:${STUDENT}:email`;
    w.email.failWith = new EmailFailure('421 try later', false);
    expect(await w.deliver.execute(key)).toBe('retrying');
    expect(await w.deliver.execute(key)).toBe('not-due');
    w.email.failWith = null;
    w.clock.advance(MINUTE);
    expect(await w.deliver.execute(key)).toBe('sent');
    expect(w.log.rows.get(key)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('email digests', () => {
  const WINDOW = 2 * MINUTE;
  const created = (id: string, w: ReturnType<typeof world>) => stored(id, w.clock.now(), request('lesson_request.created.v1', 'new_lesson'));
  const emailsTo = (w: ReturnType<typeof world>, person: UserId) => [...w.log.rows.values()].filter((r) => r.recipientId === person && r.channel === 'email');
  /** Delivers every queued email key once, as the queue's jobs would when they fall due. */
  const deliverAll = async (w: ReturnType<typeof world>) => {
    for (const row of [...w.log.rows.values()].filter((r) => r.channel === 'email' && r.status === 'queued')) await w.deliver.execute(row.key);
  };

  it('sends ten requests within the window to the teacher as one email that lists them all, once', async () => {
    const w = world('2026-03-02T09:00:00Z', WINDOW);
    const start = w.clock.now().getTime();
    for (let i = 0; i < 10; i++) {
      await w.events.execute([created(`q${i}`, w)]);
      w.clock.advance(5_000);
    }
    // Every email waits for the end of the window the first one opened; the feed has all ten at once.
    expect(emailsTo(w, TEACHER).map((r) => r.dueAt.getTime())).toEqual(Array(10).fill(start + WINDOW));
    expect(w.feed.rows.filter((r) => r.userId === TEACHER)).toHaveLength(10);
    await deliverAll(w);
    expect(w.email.sent).toEqual([]);

    w.clock.set(new Date(start + WINDOW));
    const keys = emailsTo(w, TEACHER).map((r) => r.key);
    const outcomes = await Promise.all(keys.map((key) => w.deliver.execute(key)));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'not-due')).toHaveLength(9);
    expect(w.email.sent).toHaveLength(1);
    const [mail] = w.email.sent;
    expect(mail.key).toBe(`digest:${[...keys].sort()[0]}`);
    expect(mail.mail).toMatchObject({ to: `${TEACHER}@example.com`, subject: '10 new notifications from Cadenza' });
    expect(mail.mail.text.match(/^\d+\. A new request$/gm)).toHaveLength(10);
    expect(mail.mail.text).toContain('https://school.example/console/requests');
    expect(emailsTo(w, TEACHER).every((r) => r.status === 'sent' && r.reason === `sent in one email of 10 notifications (${mail.key})`)).toBe(true);
    await deliverAll(w);
    expect(w.email.sent).toHaveLength(1);
  });

  it('opens a new window for what comes after the last one went, and keeps each person’s own', async () => {
    const w = world('2026-03-02T09:00:00Z', WINDOW);
    await w.events.execute([created('a', w)]);
    await w.events.execute([stored('b', w.clock.now(), request('lesson_request.declined.v1', 'new_lesson'))]);
    w.clock.advance(WINDOW);
    await deliverAll(w);
    await w.events.execute([created('c', w)]);
    expect(w.log.rows.get(`event:c:${TEACHER}:email`)).toMatchObject({ status: 'queued', dueAt: new Date(w.clock.now().getTime() + WINDOW) });
    w.clock.advance(WINDOW);
    await deliverAll(w);
    // The teacher's and the student's first emails were each alone in their window: sent as they were written.
    expect(w.email.sent.map((s) => [s.key, s.mail.subject])).toEqual([
      [`event:a:${TEACHER}:email`, 'A new request'],
      [`event:b:${STUDENT}:email`, 'Your request was declined'],
      [`event:c:${TEACHER}:email`, 'A new request'],
    ]);
  });

  it('holds the digest for quiet hours and leaves out the types the person does not want by email', async () => {
    const w = world('2026-03-02T21:00:00Z', WINDOW);
    await w.update.execute(actor(TEACHER, ['teacher']), { quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Europe/London', email: { 'message.received': false } });
    w.clock.set(new Date('2026-03-02T21:59:00Z'));
    await w.events.execute([created('x', w)]);
    w.clock.set(new Date('2026-03-02T23:00:00Z'));
    await w.events.execute([created('y', w)]);
    await w.events.execute([
      stored('z', w.clock.now(), integrationEvent('message.created.v1', { actorId: STUDENT, threadId: asId('th'), messageId: asId('m1'), seq: 1, participantIds: [STUDENT, TEACHER] })),
    ]);
    const release = new Date('2026-03-03T07:00:00Z');
    expect(w.log.rows.get(`event:x:${TEACHER}:email`)).toMatchObject({ dueAt: release, reason: 'held until quiet hours end' });
    expect(w.log.rows.get(`event:y:${TEACHER}:email`)).toMatchObject({ dueAt: release });
    expect(w.log.rows.get(`event:z:${TEACHER}:email`)).toMatchObject({ status: 'skipped' });
    w.clock.set(new Date('2026-03-03T06:59:00Z'));
    await deliverAll(w);
    expect(w.email.sent).toEqual([]);
    w.clock.set(release);
    await deliverAll(w);
    expect(w.email.sent.map((s) => s.mail.subject)).toEqual(['2 new notifications from Cadenza']);
  });

  it('never gathers reminders, which go at their own time on their own', async () => {
    const w = world('2026-03-02T09:00:00Z', WINDOW);
    w.lesson('L1', 30 * MINUTE + WINDOW);
    await w.reminders.sweep();
    await w.events.execute([created('r', w)]);
    w.clock.advance(WINDOW);
    await deliverAll(w);
    const toTeacher = w.email.sent.filter((s) => s.mail.to === `${TEACHER}@example.com`);
    expect(toTeacher.map((s) => s.key).sort()).toEqual([`event:r:${TEACHER}:email`, reminderKey('L1', TEACHER, 30, 'email')].sort());
  });

  it('takes a crashed digest over after its lease and sends it once, and retries or fails it whole', async () => {
    const w = world('2026-03-02T09:00:00Z', WINDOW);
    for (const id of ['c1', 'c2', 'c3']) await w.events.execute([created(id, w)]);
    w.clock.advance(WINDOW);
    const keys = emailsTo(w, TEACHER).map((r) => r.key);
    // A worker claims the digest and dies before the server has the message.
    expect(await w.log.claimWithDigestAcrossSchools(keys[0], w.clock.now(), MINUTE)).toHaveLength(3);
    expect(await w.deliver.execute(keys[1])).toBe('not-due');
    w.clock.advance(MINUTE);
    w.email.failWith = new EmailFailure('421 try later', false);
    expect(await w.deliver.execute(keys[2])).toBe('retrying');
    expect(emailsTo(w, TEACHER).every((r) => r.status === 'queued' && r.attempts === 2 && r.claimToken === null)).toBe(true);
    w.email.failWith = null;
    w.clock.advance(MINUTE);
    expect(await w.deliver.execute(keys[1])).toBe('sent');
    expect(w.email.sent.map((s) => s.mail.subject)).toEqual(['3 new notifications from Cadenza']);
    expect(emailsTo(w, TEACHER).every((r) => r.status === 'sent' && r.attempts === 3)).toBe(true);

    for (const id of ['f1', 'f2']) await w.events.execute([created(id, w)]);
    w.clock.advance(WINDOW);
    w.email.failWith = new EmailFailure('550 no such mailbox', true);
    expect(await w.deliver.execute(`event:f1:${TEACHER}:email`)).toBe('failed');
    for (const id of ['f1', 'f2']) {
      expect(w.log.rows.get(`event:${id}:${TEACHER}:email`)).toMatchObject({ status: 'failed', reason: '550 no such mailbox' });
      expect(w.log.rows.get(`event:${id}:${TEACHER}:email:fallback`)).toMatchObject({ channel: 'in_app', status: 'sent' });
    }
  });

  it('sends nothing for a digest one of whose sends was taken back while it was being sent', async () => {
    const w = world('2026-03-02T09:00:00Z', WINDOW);
    for (const id of ['d1', 'd2']) await w.events.execute([created(id, w)]);
    w.clock.advance(WINDOW);
    const claims = await w.log.claimWithDigestAcrossSchools(`event:d1:${TEACHER}:email`, w.clock.now(), MINUTE);
    await w.log.skip([`event:d2:${TEACHER}:email`], 'withdrawn', w.clock.now());
    expect(await w.log.prepareSentAll(claims.map((c) => c.key), claims[0].claimToken as string, w.clock.now(), null)).toBeNull();
    expect(w.log.rows.get(`event:d1:${TEACHER}:email`)?.status).toBe('queued');
  });
});

describe('the feed', () => {
  it('refuses to mark someone else’s notification, marking nothing', async () => {
    const w = world();
    await w.events.execute([stored('e6', w.clock.now(), flagged())]);
    const mark = new MarkNotificationsRead(w.feed, w.uow, w.clock);
    const leads = w.feed.rows.map((r) => r.id);
    await expect(mark.execute(actor(STUDENT), { ids: leads })).rejects.toMatchObject({ kind: 'not_found', code: 'NOTIFICATIONS.NOT_FOUND' });
    expect(w.feed.rows.every((r) => r.readAt === null)).toBe(true);
    expect(await mark.execute(actor(LEAD, ['admin']), { ids: leads })).toEqual({ marked: 1 });
  });
});

describe('email templates', () => {
  it('writes the same words as text and as escaped HTML, with an absolute link', () => {
    const mail = renderEmail('a@example.com', { title: 'Tom & <Jerry>', body: 'Say "hi"', link: '/lessons/1' }, 'https://school.example/');
    expect(mail).toMatchObject({ to: 'a@example.com', subject: 'Tom & <Jerry>' });
    expect(mail.text).toContain('Say "hi"');
    expect(mail.text).toContain('https://school.example/lessons/1');
    expect(mail.html).toContain('<h1 style="font-size:1.2em">Tom &amp; &lt;Jerry&gt;</h1>');
    expect(mail.html).toContain('Say &quot;hi&quot;');
    expect(mail.html).not.toContain('<Jerry>');
  });

  it('links staff to the console and families to the portal', () => {
    const links = new NotificationLinks('https://school.example/');
    const content = { title: 'Lesson', body: 'Soon', link: '/lessons/1' };
    expect(renderEmail('t@example.com', content, links.baseFor({ staff: true })).text).toContain('https://school.example/console/lessons/1');
    expect(renderEmail('p@example.com', content, links.baseFor({ staff: false })).text).toContain('https://school.example/lessons/1');
  });

  it('lists a digest’s notifications with their links, escaped in HTML, the count in the subject', () => {
    const item = (title: string, link: string | null) => ({ feed: { title, body: `${title} <body>`, link }, email: renderEmail('t@example.com', { title, body: `${title} <body>`, link }, 'https://school.example/console') });
    const mail = renderDigest([item('A & B', '/requests'), item('C', null)]);
    expect(mail).toMatchObject({ to: 't@example.com', subject: '2 new notifications from Cadenza' });
    expect(mail.text).toContain('1. A & B\n   A & B <body>\n   https://school.example/console/requests\n');
    expect(mail.text).toContain('2. C\n   C <body>\n\n');
    expect(mail.html).toContain('<strong>A &amp; B</strong><br>A &amp; B &lt;body&gt;<br><a href="https://school.example/console/requests">');
  });

  it('words a lesson time in the reader’s own zone', () => {
    expect(lessonTime(new Date('2026-03-29T15:00:00Z'), 'Europe/London')).toBe('Sun 29 Mar, 16:00');
    expect(offsetWords(1440)).toBe('1 day');
    expect(offsetWords(90)).toBe('90 minutes');
  });
});

describe('attendance alerts', () => {
  it('reminds a teacher of their registers missing, once however often the event is handled', async () => {
    const w = world();
    const reminder = integrationEvent('attendance.registers_missing.v1', {
      teacherId: TEACHER,
      day: '2026-03-02',
      timeZone: 'Europe/London',
      lessons: [
        { lessonId: asId('l1'), start: '2026-03-02T10:00:00Z', end: '2026-03-02T10:45:00Z' },
        { lessonId: asId('l2'), start: '2026-03-02T11:00:00Z', end: '2026-03-02T11:45:00Z' },
      ],
    });
    await w.events.execute([stored('r1', w.clock.now(), reminder)]);
    await w.events.execute([stored('r1', w.clock.now(), reminder)]);
    expect(w.feed.rows.map((r) => [r.userId, r.kind, r.title, r.link])).toEqual([[TEACHER, 'attendance.register-missing', '2 registers to complete', '/register?date=2026-03-02']]);
    expect(w.feed.rows[0]?.body).toContain('2 lessons of yours ended without a complete register');
    expect(w.log.rows.get(`event:r1:${TEACHER}:email`)).toMatchObject({ status: 'queued', email: expect.objectContaining({ to: `${TEACHER}@example.com` }) });

    // The link opens the school day of the earliest lesson: reminded on the 3rd in Auckland of one there on the 1st at 19:00.
    const late = integrationEvent('attendance.registers_missing.v1', { ...reminder.payload, day: '2026-03-03', timeZone: 'Pacific/Auckland', lessons: [...reminder.payload.lessons, { lessonId: asId('l0'), start: '2026-03-01T06:00:00Z', end: '2026-03-01T06:45:00Z' }] });
    await w.events.execute([stored('r2', w.clock.now(), late)]);
    expect(w.feed.rows.map((r) => r.link)).toEqual(['/register?date=2026-03-02', '/register?date=2026-03-01']);
  });

  it('tells the admins of an absence streak, and the guardians only when the school says so', async () => {
    const w = world();
    const ADMIN = LEAD;
    w.directory.adminIds = [ADMIN];
    const streak = (notifyGuardians: boolean) => integrationEvent('attendance.absence_streak.v1', { studentId: MINOR, lessonIds: [asId('l1'), asId('l2')], notifyGuardians });
    await w.events.execute([stored('a1', w.clock.now(), streak(false))]);
    expect(w.feed.rows.map((r) => [r.userId, r.kind, r.link])).toEqual([[ADMIN, 'attendance.absence-streak', `/people/students/${MINOR}`]]);
    await w.events.execute([stored('a2', w.clock.now(), streak(true))]);
    expect(w.feed.rows.filter((r) => r.sourceKey === 'event:a2').map((r) => [r.userId, r.body]).sort()).toEqual(
      [
        [ADMIN, 'A student has missed 2 lessons in a row without notice.'],
        [PARENT, 'Your child has missed 2 lessons in a row without notice. Please let the school know if they will be away.'],
      ].sort(),
    );
  });
});
