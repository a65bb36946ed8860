import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn, type Reply } from './support/client.js';
import { directory, doubleBookings, expectProblem, openHours, plus, YEAR } from './support/scheduling.js';

/**
 * 64 clients at once, each its own Client (a handful of sign-ins, tokens shared), racing for
 * overlapping slots. Exactly one booking wins each slot; every other gets a 409 problem with
 * the conflict; and the database holds no double booking afterwards.
 */
let api: ApiProcess;
let admins: Client[];
let idOf: (email: string) => string;
let roomId: string;
const CLIENTS = 64;

beforeAll(async () => {
  api = await startApiProcess();
  const signins = await Promise.all([1, 2, 3, 4].map(() => signedIn(api.url, demo('admin'))));
  admins = signins;
  idOf = await directory(admins[0]);
  await openHours(admins[0], [1, 2, 3, 4, 5, 6].map((n) => idOf(demo(`teacher${n}`))));
  const term = await admins[0].post('/api/v1/terms', { name: `Race term ${YEAR}`, startDate: `${YEAR}-01-04`, endDate: `${YEAR}-03-26` });
  expect(term.status).toBe(201);
  const room = await admins[0].post('/api/v1/rooms', { name: 'Contested room', capacity: 4 });
  expect(room.status).toBe(201);
  roomId = room.body.id;
}, 60_000);
afterAll(() => api?.stop());

/** A fresh Client carrying one of the given sessions' tokens. */
function clientLike(signedInClient: Client): Client {
  const client = new Client(api.url);
  client.token = signedInClient.token;
  return client;
}

const teacher = (n: number) => idOf(demo(`teacher${(n % 6) + 1}`));
const student = (n: number) => idOf(demo(`student${(n % 40) + 1}`));

interface Attempt {
  slot: number;
  client: Client;
  body: Record<string, unknown>;
}

/** Fires every attempt together and checks: one 201 per slot, 409 problems for the rest. */
async function race(attempts: Attempt[], expectedKind: string): Promise<Reply[]> {
  expect(attempts).toHaveLength(CLIENTS);
  const replies = await Promise.all(attempts.map((a) => a.client.post('/api/v1/lessons', a.body)));
  const slots = [...new Set(attempts.map((a) => a.slot))];
  for (const slot of slots) {
    const mine = replies.filter((_, i) => attempts[i].slot === slot);
    expect({ slot, statuses: mine.map((r) => r.status).sort() }).toEqual({ slot, statuses: [201, ...Array(mine.length - 1).fill(409)] });
  }
  for (const reply of replies.filter((r) => r.status === 409)) {
    expectProblem(reply, 409, 'SCHEDULING.CONFLICT');
    expect(reply.body.conflicts.length).toBeGreaterThan(0);
    expect(reply.body.conflicts.every((c: { severity: string }) => c.severity === 'hard')).toBe(true);
    expect(Array.isArray(reply.body.suggestions)).toBe(true);
    // Even a loser whose row reached the exclusion constraints while the winner was in flight is told by
    // the conflict checker what clashed: the slot locks make it wait for the winner's commit, and the
    // unit of work tries it again, when the checker meets the winner's row.
    expect(reply.body.detail).not.toMatch(/a moment ago/);
    expect(reply.body.conflicts.map((c: { kind: string }) => c.kind)).toContain(expectedKind);
  }
  expect(await doubleBookings(api.db.url)).toEqual([]);
  return replies;
}

async function lessonsOn(day: string): Promise<{ teacher_id: string; room_id: string | null; student_ids: string[] }[]> {
  return withClient(api.db.url, async (db) => (await db.query(`select teacher_id, room_id, student_ids from lessons where start_at::date = $1 and status <> 'cancelled'`, [day])).rows);
}

describe('racing clients get one winner per slot', () => {
  it('the same teacher: 64 bookings over 4 slots, 16 overlapping starts in each', async () => {
    const teacher1 = await signedIn(api.url, demo('teacher1'));
    const attempts: Attempt[] = Array.from({ length: CLIENTS }, (_, i) => {
      const slot = Math.floor(i / 16);
      const j = i % 16;
      const start = plus(`${YEAR}-02-01T09:00:00Z`, slot * 180 + j * 2);
      return {
        slot,
        // Half book as the teacher for themselves, half as admins for the teacher.
        client: clientLike(i % 2 ? teacher1 : admins[i % admins.length]),
        body: { teacherId: idOf(demo('teacher1')), studentIds: [student(slot * 16 + j)], start, end: plus(start, 45) },
      };
    });
    await race(attempts, 'teacher');
    const booked = await lessonsOn(`${YEAR}-02-01`);
    expect(booked).toHaveLength(4);
    expect(booked.every((l) => l.teacher_id === idOf(demo('teacher1')))).toBe(true);
  }, 120_000);

  it('the same room: different teachers and students in each slot, only the room shared', async () => {
    // Six teachers, so a slot has at most six contenders who share nothing but the room.
    const attempts: Attempt[] = Array.from({ length: CLIENTS }, (_, i) => {
      const slot = Math.floor(i / 6);
      const j = i % 6;
      const start = plus(`${YEAR}-02-02T06:30:00Z`, slot * 75 + j * 3);
      return {
        slot,
        client: clientLike(admins[i % admins.length]),
        body: { teacherId: teacher(j), studentIds: [student(slot * 6 + j)], roomId, start, end: plus(start, 40) },
      };
    });
    await race(attempts, 'room');
    const booked = await lessonsOn(`${YEAR}-02-02`);
    expect(booked).toHaveLength(11);
    expect(booked.every((l) => l.room_id === roomId)).toBe(true);
  }, 120_000);

  it('the same student: different teachers in each slot, only the student shared', async () => {
    const attempts: Attempt[] = Array.from({ length: CLIENTS }, (_, i) => {
      const slot = Math.floor(i / 6);
      const j = i % 6;
      const start = plus(`${YEAR}-02-03T06:30:00Z`, slot * 75 + j * 3);
      return {
        slot,
        client: clientLike(admins[i % admins.length]),
        body: { teacherId: teacher(j), studentIds: [student(slot)], start, end: plus(start, 40) },
      };
    });
    await race(attempts, 'student');
    const booked = await lessonsOn(`${YEAR}-02-03`);
    expect(booked).toHaveLength(11);
    expect(booked.map((l) => l.student_ids[0]).sort()).toEqual(Array.from({ length: 11 }, (_, slot) => student(slot)).sort());
  }, 120_000);

  it('a group booking races single bookings of its members and teachers: still one per slot', async () => {
    // 8 slots; in each, a group lesson for four students races seven single lessons, each
    // sharing one student with the group (or its teacher): every pair overlaps on someone.
    const attempts: Attempt[] = Array.from({ length: CLIENTS }, (_, i) => {
      const slot = Math.floor(i / 8);
      const j = i % 8;
      const start = plus(`${YEAR}-02-04T08:00:00Z`, slot * 90 + j);
      const group = [0, 1, 2, 3].map((k) => student(slot * 4 + k));
      const body =
        j === 0
          ? { teacherId: teacher(0), studentIds: group, roomId: null, start, end: plus(start, 50) }
          : j < 4
            ? { teacherId: teacher(j), studentIds: [group[j]], start, end: plus(start, 50) }
            : { teacherId: teacher(0), studentIds: [student(slot * 4 + 20 + j)], start, end: plus(start, 50) };
      return { slot, client: clientLike(admins[i % admins.length]), body };
    });
    const replies = await Promise.all(attempts.map((a) => a.client.post('/api/v1/lessons', a.body)));
    for (let slot = 0; slot < 8; slot++) {
      const mine = replies.filter((_, i) => attempts[i].slot === slot);
      // The group overlaps everyone else; the singles overlap only the group (and each other for the teacher).
      const statuses = mine.map((r) => r.status);
      if (statuses[0] === 201) expect({ slot, statuses }).toEqual({ slot, statuses: [201, ...Array(7).fill(409)] });
      else {
        // The group lost: the three singles of its students win, and one of the four for its teacher.
        expect({ slot, statuses: statuses.slice(0, 4) }).toEqual({ slot, statuses: [409, 201, 201, 201] });
        expect({ slot, statuses: statuses.slice(4).sort() }).toEqual({ slot, statuses: [201, 409, 409, 409] });
      }
    }
    for (const reply of replies.filter((r) => r.status === 409)) expectProblem(reply, 409, 'SCHEDULING.CONFLICT');
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    expect(await doubleBookings(api.db.url)).toEqual([]);
  }, 120_000);

  it('an edit racing a booking for the same room: one of each pair wins, the other is told what clashed', async () => {
    // In each of 8 slots a lesson without a room is given the contested room (PATCH) while another teacher's
    // lesson is booked into it at the same time: they share only the room.
    const slots = Array.from({ length: 8 }, (_, slot) => plus(`${YEAR}-02-05T08:00:00Z`, slot * 70));
    const existing = await Promise.all(slots.map((start, slot) => admins[slot % admins.length].post('/api/v1/lessons', { teacherId: teacher(0), studentIds: [student(slot)], start, end: plus(start, 45) })));
    expect(existing.map((r) => r.status)).toEqual(Array(8).fill(201));
    const replies = await Promise.all(
      slots.flatMap((start, slot) => [
        clientLike(admins[slot % admins.length]).patch(`/api/v1/lessons/${existing[slot].body.id}`, { roomId }),
        clientLike(admins[(slot + 1) % admins.length]).post('/api/v1/lessons', { teacherId: teacher(1), studentIds: [student(20 + slot)], roomId, start, end: plus(start, 45) }),
      ]),
    );
    for (let slot = 0; slot < slots.length; slot++) {
      const [edit, booking] = replies.slice(slot * 2, slot * 2 + 2);
      const won = [edit.status === 200, booking.status === 201];
      expect({ slot, winners: won.filter(Boolean).length }).toEqual({ slot, winners: 1 });
      const loser = won[0] ? booking : edit;
      expectProblem(loser, 409, 'SCHEDULING.CONFLICT');
      expect(loser.body.conflicts.map((c: { kind: string }) => c.kind)).toEqual(['room']);
    }
    expect(await doubleBookings(api.db.url)).toEqual([]);
  }, 120_000);

  it('a teacher’s changeover buffer: back-to-back bookings racing in pairs, one of each pair wins', async () => {
    // teacher2 keeps 5 minutes free around each lesson. Each pair (16:00–16:30 and 16:30–17:00 in the school's
    // terms: the second starts as the first ends) clashes on the buffer alone, so one wins and the other is told
    // what clashed. A control pair 5 minutes apart touches the buffer without entering it: both win.
    const windows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '06:00', endTime: '22:00' }));
    expect((await admins[0].call('PUT', `/api/v1/availability/${idOf(demo('teacher2'))}`, { windows, bufferMinutes: 5 })).status).toBe(200);
    for (const [round, day] of [`${YEAR}-02-09`, `${YEAR}-02-10`, `${YEAR}-02-11`].entries()) {
      const pairs = [0, 1, 2, 3].map((p) => {
        const first = `${day}T${String(8 + p * 3).padStart(2, '0')}:00:00Z`;
        const second = plus(first, 30);
        const body = (start: string, k: number) => ({ teacherId: idOf(demo('teacher2')), studentIds: [student(round * 8 + p * 2 + k)], start, end: plus(start, 30) });
        return [body(first, 0), body(second, 1)];
      });
      const requests = pairs.flatMap((pair, p) => pair.map((body, k) => clientLike(admins[(p * 2 + k) % admins.length]).post('/api/v1/lessons', body)));
      const replies = await Promise.all(requests);
      for (let p = 0; p < pairs.length; p++) {
        const pair = replies.slice(p * 2, p * 2 + 2);
        expect({ round, pair: p, statuses: pair.map((r) => r.status).sort() }).toEqual({ round, pair: p, statuses: [201, 409] });
        const loser = pair.find((r) => r.status === 409);
        if (!loser) throw new Error('no loser');
        expectProblem(loser, 409, 'SCHEDULING.CONFLICT');
        expect(loser.body.conflicts.map((c: { kind: string }) => c.kind)).toEqual(['buffer']);
      }
      const control = plus(`${day}T20:00:00Z`, 0);
      const apart = await Promise.all(
        [control, plus(control, 35)].map((start, k) => clientLike(admins[k]).post('/api/v1/lessons', { teacherId: idOf(demo('teacher2')), studentIds: [student(30 + round * 2 + k)], start, end: plus(start, 30) })),
      );
      expect(apart.map((r) => r.status)).toEqual([201, 201]);
    }
    expect(await bufferBreaches(idOf(demo('teacher2')), 5)).toEqual([]);
  }, 120_000);
});

/** Pairs of the teacher's lessons (not cancelled) closer together than the buffer. */
async function bufferBreaches(teacherId: string, minutes: number): Promise<{ a: string; b: string }[]> {
  return withClient(api.db.url, async (db) =>
    (
      await db.query(
        `select a.id as a, b.id as b from lessons a join lessons b on a.teacher_id = b.teacher_id and a.id < b.id
          where a.teacher_id = $1 and a.status <> 'cancelled' and b.status <> 'cancelled'
            and a.start_at < b.end_at + make_interval(mins => $2) and b.start_at < a.end_at + make_interval(mins => $2)`,
        [teacherId, minutes],
      )
    ).rows,
  );
}
