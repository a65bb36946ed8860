import type { RelayedEvent } from '@cadenza/server/platform/realtime';
import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { asId, type Id, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { RegisterAudienceRouter } from './register-audience-router.js';

const school = asId<SchoolId>('00000000-0000-4000-8000-000000000001');
const teacher = asId<UserId>('00000000-0000-4000-8000-000000000002');
const accompanist = asId<UserId>('00000000-0000-4000-8000-000000000003');
const changed = (accompanistId: UserId | null): RelayedEvent =>
  ({
    id: '1',
    ...outgoingEvent(
      school,
      new Date('2026-12-07T16:05:00Z'),
      integrationEvent('attendance.register_changed.v1', {
        actorId: teacher,
        lessonId: asId<Id<'Lesson'>>('00000000-0000-4000-8000-000000000004'),
        teacherId: teacher,
        accompanistId,
        studentIds: [],
        counts: { students: 3, present: 1, late: 1, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 },
        startedAt: '2026-12-07T16:01:00.000Z',
        endedAt: null,
      }),
    ),
  }) as RelayedEvent;

describe('RegisterAudienceRouter', () => {
  it('tells the lesson’s teacher, its accompanist and the school’s admins, with ids and counts only', async () => {
    const [withAccompanist, alone] = await new RegisterAudienceRouter().route([changed(accompanist), changed(null)]);
    expect(withAccompanist).toEqual({
      rooms: [`user:${teacher}`, `user:${accompanist}`, `school:${school}:admins`],
      event: 'register.changed.v1',
      payload: { lessonId: '00000000-0000-4000-8000-000000000004', students: 3, marked: 2, startedAt: '2026-12-07T16:01:00.000Z', endedAt: null },
    });
    expect(alone?.rooms).toEqual([`user:${teacher}`, `school:${school}:admins`]);
  });

  it('ignores every other event', async () => {
    const other = { id: '2', ...outgoingEvent(school, new Date(), integrationEvent('student.date_of_birth_changed.v1', { actorId: teacher, studentId: teacher, dateOfBirth: null })) } as RelayedEvent;
    expect(await new RegisterAudienceRouter().route([other])).toEqual([]);
  });
});
