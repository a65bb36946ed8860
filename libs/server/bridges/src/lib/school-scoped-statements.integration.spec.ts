import { handShapedStatements } from '@cadenza/server/platform/db';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { schoolOwnedTables, schoolScopeProblems, withClient } from '@cadenza/server/testing';
import { persistence } from './persistence.js';
import './statements.js';

/**
 * Every hand-shaped statement of every context is declared with `schoolScoped` (or, crossing schools on purpose,
 * `acrossSchools`); this holds each one to its school on the database every context's migrations build: PostgreSQL
 * plans it, and each school-owned table it reads, changes or inserts into must be bound to the school's
 * placeholder `$1`. A statement added without its school fails here by name, with the table it reaches.
 */
describe('hand-shaped statements and the school', () => {
  const db = useSpecDatabase(persistence, 1);
  let owned: Map<string, string>;

  beforeAll(async () => {
    owned = await withClient(db.url, schoolOwnedTables);
  });

  const statements = handShapedStatements();
  const scoped = statements.filter((s) => s.scope === 'school');

  it('finds the statements of every library that declares some', () => {
    const prefixes = new Set(scoped.map((s) => s.name.split('_')[0]));
    expect([...prefixes].sort()).toEqual(['attendance', 'audit', 'billing', 'identity', 'messaging', 'notifications', 'reporting', 'scheduling']);
    expect(scoped.length).toBeGreaterThanOrEqual(20);
  });

  it.each(scoped.map((s) => [s.name, s.text] as const))('binds %s to the school in every school-owned table it reaches', async (_name, text) => {
    expect(await withClient(db.url, (client) => schoolScopeProblems(client, text, owned))).toEqual([]);
  });

  it('lets only these cross schools, each saying why: the outbox’s loops, the retention sweep’s list of schools and its transaction setting, an erasure’s transaction setting, and the notification jobs’ feed entries and sends of every school', () => {
    const across = statements.flatMap((s) => (s.scope === 'across-schools' ? [[s.name, s.why.length > 0] as const] : []));
    expect(across.sort()).toEqual([
      ['audit_personal_data_erasure_begin', true],
      ['messaging_personal_data_erasure_begin', true],
      ['messaging_purge_begin', true],
      ['messaging_purge_end', true],
      ['messaging_schools_with_threads', true],
      ['notifications_deliveries_claim_due', true],
      ['notifications_deliveries_due', true],
      ['notifications_deliveries_hold_sent', true],
      ['notifications_deliveries_mark_sent', true],
      ['notifications_deliveries_plan', true],
      ['notifications_delivery_claim', true],
      ['notifications_delivery_claim_with_digest', true],
      ['notifications_delivery_hold_sent', true],
      ['notifications_delivery_release', true],
      ['notifications_feed_add', true],
      ['notifications_feed_unread_by_person', true],
      ['outbox_claim', true],
      ['outbox_claim_of_types', true],
      ['outbox_pending', true],
      ['outbox_relay_batch', true],
    ]);
  });

  describe('the check itself', () => {
    it.each([
      ['a table read without the school', 'select * from lessons where id = $2 and $1::uuid is not null', ['lessons (as lessons) is read without lessons.school_id = $1 (Index Scan)']],
      [
        'a joined table without the school',
        'select l.* from lessons l join lesson_attendees a on a.lesson_id = l.id where l.school_id = $1 and a.person_id = $2',
        ['lesson_attendees (as a) is read without a.school_id = $1'],
      ],
      ['the school inside an or', 'select * from rooms r where r.school_id = $1 or r.id = $2', ['rooms (as r) is read without r.school_id = $1']],
      [
        'a subquery the outer school cannot reach',
        'select l.* from lessons l, lateral (select a.person_id from lesson_attendees a where a.lesson_id = l.id offset 0) a where l.school_id = $1',
        ['lesson_attendees (as a) is read without a.school_id = $1'],
      ],
      ['the school of a school-owned table by a foreign key', 'select s.name from schools s join users u on u.school_id = s.id where u.id = $2 and $1::uuid is not null', ['schools (as s) is read without s.id = $1', 'users (as u) is read without u.school_id = $1']],
      ['a row inserted with a school it was given', `insert into rooms (id, school_id, name, capacity) values ($2, $3, 'Room', 1) returning $1::uuid`, ['rooms gets rows whose school_id is not $1 ($3)']],
      ['an update without the school', 'update rooms set active = false where id = $2 and $1::uuid is not null', ['rooms (as rooms) is read without rooms.school_id = $1']],
      [
        'an upsert that may meet another school\'s row',
        'insert into message_read_receipts (thread_id, user_id, school_id, last_read_seq, read_at) values ($2, $3, $1, 1, now()) on conflict (thread_id, user_id) do update set last_read_seq = excluded.last_read_seq',
        ["message_read_receipts's upsert meets its conflict on"],
      ],
    ])('refuses %s', async (_what, text, expected) => {
      const problems = await withClient(db.url, (client) => schoolScopeProblems(client, text, owned));
      expect([...problems].sort()).toEqual([...expected].sort().map((start) => expect.stringContaining(start)));
    });

    it.each([
      ['a scoped read', 'select * from rooms where school_id = $1 and id = $2'],
      ['a join whose school PostgreSQL derives', 'select l.* from lessons l join lesson_attendees a on a.lesson_id = l.id and a.school_id = l.school_id where l.school_id = $1'],
      ['a row inserted in the school', `insert into rooms (id, school_id, name, capacity) values ($2, $1, 'Room', 1)`],
      ['a scoped delete', 'delete from rooms where school_id = $1 and id = $2'],
      [
        'an upsert that updates only in the school',
        'insert into message_read_receipts (thread_id, user_id, school_id, last_read_seq, read_at) values ($2, $3, $1, 1, now()) on conflict (thread_id, user_id) do update set last_read_seq = excluded.last_read_seq where message_read_receipts.school_id = $1',
      ],
    ])('accepts %s', async (_what, text) => {
      expect(await withClient(db.url, (client) => schoolScopeProblems(client, text, owned))).toEqual([]);
    });
  });
});
