import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PersonalData, redactIdentifiers, type DataSubject, type PersonalDataSection } from '@cadenza/shared/kernel';
import { AttendeeSchema, AvailabilitySchema, LessonRequestSchema, LessonSchema, MakeupCreditSchema, SeriesSchema, type LessonRequestRow, type LessonRow } from './entities.js';
import { NO_MAP } from './rows.js';

/**
 * Scheduling's part of data-protection requests. The export holds the person's lessons (as teacher, accompanist or
 * student), series, lesson requests (made by them, for them or to them), makeup credits and availability. Lessons,
 * series and credits hold only ids and times, so an erasure keeps them as they are; it removes the messages of the
 * person's own requests and replaces their name and contacts wherever a request's or a cancellation's text holds them.
 */
@Injectable()
export class MikroOrmSchedulingPersonalData extends PersonalData {
  readonly context = 'scheduling';

  constructor(private readonly em: EntityManager) {
    super();
  }

  async export(subject: DataSubject): Promise<PersonalDataSection> {
    const person = subject.personId;
    const attending = await this.em.find(AttendeeSchema, { personId: person }, NO_MAP);
    const lessons: LessonRow[] = attending.length
      ? await this.em.find(LessonSchema, { id: { $in: attending.map((a) => a.lessonId) } }, { ...NO_MAP, orderBy: { startAt: 'asc' } })
      : [];
    const series = (await this.em.find(SeriesSchema, {}, { ...NO_MAP, orderBy: { firstDate: 'asc' } })).filter(
      (s) => s.teacherId === person || s.accompanistId === person || s.studentIds.includes(person),
    );
    const requests = await this.requestsInvolving(person);
    const credits = await this.em.find(MakeupCreditSchema, { studentId: person }, { ...NO_MAP, orderBy: { grantedAt: 'asc' } });
    const availability = await this.em.findOne(AvailabilitySchema, { personId: person }, NO_MAP);
    const roleIn = (l: LessonRow) => (l.teacherId === person ? 'teacher' : l.accompanistId === person ? 'accompanist' : 'student');
    return {
      context: this.context,
      title: 'Lessons and requests',
      files: [
        { name: 'lessons.json', content: lessons.map(({ schoolId: _s, ...l }) => ({ ...l, role: roleIn({ ...l, schoolId: _s }) })) },
        { name: 'series.json', content: series.map(({ schoolId: _s, ...s }) => s) },
        { name: 'requests.json', content: requests.map(({ schoolId: _s, ...r }) => r) },
        { name: 'makeup-credits.json', content: credits.map(({ schoolId: _s, ...c }) => c) },
        { name: 'availability.json', content: availability ? { personId: availability.personId, windows: availability.windows, exceptions: availability.exceptions, bufferMinutes: availability.bufferMinutes } : null },
      ],
      summary: [
        `${lessons.length} lessons (${lessons.filter((l) => l.status === 'cancelled').length} cancelled), ${series.length} weekly series`,
        `${requests.length} lesson requests (${requests.filter((r) => r.requestedBy === person).length} made by them)`,
        `${credits.length} makeup credits${availability ? '; availability recorded' : ''}`,
      ],
      retained: ['Lessons, series and makeup credits keep their times and ids after an erasure; the person in them is shown by their pseudonym.'],
    };
  }

  async erase(subject: DataSubject): Promise<void> {
    for (const request of await this.em.find(LessonRequestSchema, {}, NO_MAP)) {
      const own = request.requestedBy === subject.personId && request.message !== null;
      const decision = withoutOwnReason(request.decision, subject.personId);
      const texts = redactIdentifiers({ message: request.message, decision: decision.value, counter: request.counter, proposed: request.proposed, series: request.series }, subject);
      if (!own && !decision.changed && !texts.changed) continue;
      const v = texts.value as Pick<LessonRequestRow, 'message' | 'decision' | 'counter' | 'proposed' | 'series'>;
      await this.em.nativeUpdate(LessonRequestSchema, { id: request.id }, { ...v, message: own ? null : v.message });
    }
    for (const lesson of await this.em.find(LessonSchema, { cancellation: { $ne: null } }, NO_MAP)) {
      const own = withoutOwnReason(lesson.cancellation, subject.personId);
      const cancellation = redactIdentifiers(own.value, subject);
      if (own.changed || cancellation.changed) await this.em.nativeUpdate(LessonSchema, { id: lesson.id }, { cancellation: cancellation.value });
    }
  }

  private requestsInvolving(person: string): Promise<LessonRequestRow[]> {
    return this.em.find(LessonRequestSchema, { $or: [{ requestedBy: person }, { studentId: person }, { teacherId: person }] }, { ...NO_MAP, orderBy: { createdAt: 'asc' } });
  }
}

/** A decision or cancellation the person made keeps who and when, without the reason they wrote. */
function withoutOwnReason(value: unknown, person: string): { value: unknown; changed: boolean } {
  if (value === null || typeof value !== 'object') return { value, changed: false };
  const record = value as { by?: unknown; reason?: unknown };
  if (record.by !== person || record.reason === null || record.reason === undefined) return { value, changed: false };
  return { value: { ...record, reason: null }, changed: true };
}
