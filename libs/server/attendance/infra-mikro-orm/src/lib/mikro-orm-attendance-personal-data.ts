import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PersonalData, redactIdentifiers, type DataSubject, type PersonalDataSection } from '@cadenza/shared/kernel';
import { AttendanceLessonSchema, EntrySchema, RegisterChangeSchema, type EntryRow, type RegisterChangeRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

/**
 * Attendance's part of data-protection requests. The export holds the person's register entries (with their lessons'
 * times) and every change of them. An erasure keeps the registers as they count (statuses, late minutes, who marked
 * and when, against the person's id, which identity shows by their pseudonym afterwards): it clears the notes about
 * the person and replaces their name and contacts wherever another note or a correction's reason holds them. The
 * history stays append-only but for these free-text columns (the table's trigger lets only them change).
 */
@Injectable()
export class MikroOrmAttendancePersonalData extends PersonalData {
  readonly context = 'attendance';

  constructor(private readonly em: EntityManager) {
    super();
  }

  async export(subject: DataSubject): Promise<PersonalDataSection> {
    const entries = await this.em.find(EntrySchema, { studentId: subject.personId }, { ...NO_MAP, orderBy: { markedAt: 'asc' } });
    const lessons = entries.length ? await this.em.find(AttendanceLessonSchema, { id: { $in: entries.map((e) => e.lessonId) } }, NO_MAP) : [];
    const when = new Map(lessons.map((l) => [l.id, { start: l.startAt, end: l.endAt, cancelled: l.cancelled }]));
    const history = await this.em.find(RegisterChangeSchema, { $or: [{ studentId: subject.personId }, { changedBy: subject.personId }] }, { ...NO_MAP, orderBy: { changedAt: 'asc', ordinal: 'asc' } });
    const by = (status: string) => entries.filter((e) => e.status === status).length;
    return {
      context: this.context,
      title: 'Attendance',
      files: [
        { name: 'registers.json', content: entries.map(({ schoolId: _s, ...e }) => ({ ...e, lesson: when.get(e.lessonId) ?? null })) },
        { name: 'register-history.json', content: history.map(({ schoolId: _s, ...c }) => c) },
      ],
      summary: [
        `${entries.length} register entries: ${by('present')} present, ${by('late')} late, ${by('absent_notice')} absent with notice, ${by('absent_no_notice')} absent without notice, ${by('excused')} excused`,
        `${history.length} changes of registers about them or made by them`,
      ],
      retained: ['Registers keep every mark (status, minutes late, who marked it and when) as counts of delivered lessons after an erasure; the notes about the person are cleared.'],
    };
  }

  async erase(subject: DataSubject): Promise<void> {
    for (const entry of await this.em.find(EntrySchema, { note: { $ne: null } }, NO_MAP)) {
      const note = entry.studentId === subject.personId ? null : (redactIdentifiers(entry.note, subject).value as EntryRow['note']);
      if (note !== entry.note) await this.em.nativeUpdate(EntrySchema, { lessonId: entry.lessonId, studentId: entry.studentId }, { note });
    }
    const texts = { $or: [{ fromNote: { $ne: null } }, { toNote: { $ne: null } }, { reason: { $ne: null } }] };
    for (const change of await this.em.find(RegisterChangeSchema, texts, NO_MAP)) {
      const about = change.studentId === subject.personId;
      const redacted = redactIdentifiers({ fromNote: about ? null : change.fromNote, toNote: about ? null : change.toNote, reason: change.reason }, subject).value as Pick<RegisterChangeRow, 'fromNote' | 'toNote' | 'reason'>;
      if (redacted.fromNote !== change.fromNote || redacted.toNote !== change.toNote || redacted.reason !== change.reason) await this.em.nativeUpdate(RegisterChangeSchema, { id: change.id }, redacted);
    }
  }
}
