import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Lesson, TakenMeanwhile, type RoomId } from '@cadenza/server/scheduling/domain';
import { BUFFER_GUARD, PERSON_OVERLAP, ROOM_OVERLAP, rethrowOverlap } from './rethrow-overlap.js';

const teacherId = newId<UserId>();
const studentId = newId<UserId>();
const accompanistId = newId<UserId>();
const roomId = newId<RoomId>();
const lesson = Lesson.schedule({
  schoolId: newId<SchoolId>(),
  teacherId,
  studentIds: [studentId],
  accompanistId,
  roomId,
  lessonTypeId: null,
  start: new Date('2027-02-01T09:00:00Z'),
  end: new Date('2027-02-01T10:00:00Z'),
  makeupCreditId: null,
});

/** pg's DatabaseError as the driver reports an exclusion violation, wrapped as MikroORM converts it (fields copied, original as cause). */
function refused(constraint: string, person?: string) {
  const detail = person ? `Key (person_id, during)=(${person}, ["2027-02-01 09:30:00+00","2027-02-01 10:30:00+00")) conflicts with existing key (person_id, during)=(${person}, ["2027-02-01 09:00:00+00","2027-02-01 10:00:00+00")).` : 'Key (room_id, during)=(…) conflicts with existing key (…).';
  const original = Object.assign(new Error(`conflicting key value violates exclusion constraint "${constraint}"`), { code: '23P01', constraint, detail });
  return Object.assign(new Error(original.message), { code: '23P01', constraint, detail, cause: original });
}

function caught(error: unknown): unknown {
  try {
    rethrowOverlap(error, lesson);
  } catch (thrown) {
    return thrown;
  }
  throw new Error('rethrowOverlap returned');
}

const conflictOf = (e: unknown) => ((e as TakenMeanwhile).details as { conflicts: { kind: string; id: string | null }[] }).conflicts[0];

describe('rethrowOverlap', () => {
  it(`reports ${ROOM_OVERLAP} as the room taken meanwhile`, () => {
    const error = caught(refused(ROOM_OVERLAP));
    expect(error).toBeInstanceOf(TakenMeanwhile);
    expect(conflictOf(error)).toMatchObject({ kind: 'room', id: roomId });
  });

  it(`reports ${PERSON_OVERLAP} as the person its key names, in their role in the lesson`, () => {
    expect(conflictOf(caught(refused(PERSON_OVERLAP, teacherId)))).toMatchObject({ kind: 'teacher', id: teacherId });
    expect(conflictOf(caught(refused(PERSON_OVERLAP, accompanistId)))).toMatchObject({ kind: 'accompanist', id: accompanistId });
    expect(conflictOf(caught(refused(PERSON_OVERLAP, studentId)))).toMatchObject({ kind: 'student', id: studentId });
  });

  it(`reports ${BUFFER_GUARD} (a changeover buffer cut short) as the teacher or accompanist its key names`, () => {
    expect(conflictOf(caught(refused(BUFFER_GUARD, teacherId)))).toMatchObject({ kind: 'teacher', id: teacherId });
    expect(conflictOf(caught(refused(BUFFER_GUARD, accompanistId)))).toMatchObject({ kind: 'accompanist', id: accompanistId });
  });

  it('reports a deadlock between two racing writes as taken meanwhile, keeping the error as its cause for the retry', () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const error = caught(deadlock);
    expect(error).toBeInstanceOf(TakenMeanwhile);
    expect((error as { cause?: unknown }).cause).toBe(deadlock);
  });

  it('throws anything else as it is, whatever its message says', () => {
    const unique = Object.assign(new Error('conflicting key value violates exclusion constraint "lessons_room_overlap"'), { code: '23505', constraint: 'lessons_pkey' });
    expect(caught(unique)).toBe(unique);
    const other = Object.assign(new Error('exclusion constraint'), { code: '23P01', constraint: 'some_other_exclusion' });
    expect(caught(other)).toBe(other);
  });
});
