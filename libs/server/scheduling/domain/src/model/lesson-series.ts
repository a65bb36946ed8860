import { copyData, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { parseSeriesRule, ruleDatesBefore, withRuleCount } from '../time/series-rule.js';
import { addDays, assertLocalDate, assertWallTime, type LocalDate, type WallTime } from '../time/zoned-time.js';
import type { LessonTypeId, RoomId, SeriesId, TermId } from './ids.js';
import { assertParticipants, type LessonChanges } from './lesson.js';
import { wholeNumber } from './validation.js';

export interface LessonSeriesState {
  id: SeriesId;
  schoolId: SchoolId;
  teacherId: UserId;
  studentIds: UserId[];
  roomId: RoomId | null;
  accompanistId: UserId | null;
  lessonTypeId: LessonTypeId | null;
  termId: TermId;
  /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU`. */
  rrule: string;
  startTime: WallTime;
  durationMinutes: number;
  firstDate: LocalDate;
  /** Inclusive; the term's end unless the series was ended early or split. */
  untilDate: LocalDate;
  timeZone: string;
  /** The series of an earlier term this one was rolled over from (at most one copy per term), or null. */
  copiedFromId: SeriesId | null;
}

export interface LessonSeriesInput {
  schoolId: SchoolId;
  teacherId: UserId;
  studentIds: readonly UserId[];
  roomId?: RoomId | null;
  accompanistId?: UserId | null;
  lessonTypeId?: LessonTypeId | null;
  term: { id: TermId; startDate: LocalDate; endDate: LocalDate };
  rrule: string;
  startTime: string;
  durationMinutes: number;
  firstDate: string;
  timeZone: string;
  copiedFromId?: SeriesId | null;
}

/** A recurring lesson within one term; its lessons exist as rows of their own. */
export class LessonSeries {
  private constructor(private state: LessonSeriesState) {}

  static restore(state: LessonSeriesState): LessonSeries {
    return new LessonSeries(copyData(state));
  }

  static create(input: LessonSeriesInput): LessonSeries {
    assertParticipants(input);
    const rule = parseSeriesRule(input.rrule);
    assertWallTime(input.startTime, 'startTime');
    assertLocalDate(input.firstDate, 'firstDate');
    wholeNumber(input.durationMinutes, 'durationMinutes', 5, 480);
    if (input.firstDate < input.term.startDate || input.firstDate > input.term.endDate) {
      throw DomainError.invalid('SCHEDULING.OUTSIDE_TERM', 'firstDate', 'The first date must fall within the term.');
    }
    return new LessonSeries({
      id: newId<SeriesId>(),
      schoolId: input.schoolId,
      teacherId: input.teacherId,
      studentIds: [...input.studentIds],
      roomId: input.roomId ?? null,
      accompanistId: input.accompanistId ?? null,
      lessonTypeId: input.lessonTypeId ?? null,
      termId: input.term.id,
      rrule: rule.text,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      firstDate: input.firstDate,
      untilDate: input.term.endDate,
      timeZone: input.timeZone,
      copiedFromId: input.copiedFromId ?? null,
    });
  }

  get id(): SeriesId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get teacherId(): UserId {
    return this.state.teacherId;
  }
  get studentIds(): readonly UserId[] {
    return this.state.studentIds;
  }
  get roomId(): RoomId | null {
    return this.state.roomId;
  }
  get accompanistId(): UserId | null {
    return this.state.accompanistId;
  }
  get lessonTypeId(): LessonTypeId | null {
    return this.state.lessonTypeId;
  }
  get termId(): TermId {
    return this.state.termId;
  }
  get rrule(): string {
    return this.state.rrule;
  }
  get startTime(): WallTime {
    return this.state.startTime;
  }
  get durationMinutes(): number {
    return this.state.durationMinutes;
  }
  get firstDate(): LocalDate {
    return this.state.firstDate;
  }
  get untilDate(): LocalDate {
    return this.state.untilDate;
  }
  get timeZone(): string {
    return this.state.timeZone;
  }
  get copiedFromId(): SeriesId | null {
    return this.state.copiedFromId;
  }

  /** Ends the series the day before `date` (its lessons from `date` on are cancelled or moved to a new series). */
  endBefore(date: LocalDate): void {
    const last = addDays(date, -1);
    if (last < this.state.untilDate) this.state.untilDate = last < this.state.firstDate ? this.state.firstDate : last;
  }

  /**
   * The series from `date` on as a new series with the changes given; this one ends the day before.
   * Used by "this and following" moves. A rule with a COUNT is shared between the two: this
   * series keeps the count of its dates before `date`, the new one the rest.
   */
  splitFrom(
    date: LocalDate,
    changes: { rrule?: string; startTime?: WallTime; durationMinutes?: number; firstDate?: LocalDate } & Omit<LessonChanges, 'durationMinutes'>,
  ): LessonSeries {
    let rrule = changes.rrule ? parseSeriesRule(changes.rrule).text : this.state.rrule;
    const count = parseSeriesRule(this.state.rrule).options.count;
    if (count) {
      const kept = ruleDatesBefore(this.state.rrule, this.state.firstDate, date);
      rrule = withRuleCount(rrule, Math.max(count - kept, 1));
      if (kept > 0) this.state.rrule = withRuleCount(this.state.rrule, kept);
    }
    const next = new LessonSeries({
      ...copyData(this.state),
      id: newId<SeriesId>(),
      copiedFromId: null,
      rrule,
      startTime: changes.startTime ?? this.state.startTime,
      durationMinutes: changes.durationMinutes ?? this.state.durationMinutes,
      firstDate: changes.firstDate ?? date,
      roomId: changes.roomId === undefined ? this.state.roomId : changes.roomId,
      teacherId: changes.teacherId ?? this.state.teacherId,
      studentIds: changes.studentIds ? [...changes.studentIds] : [...this.state.studentIds],
      accompanistId: changes.accompanistId === undefined ? this.state.accompanistId : changes.accompanistId,
      lessonTypeId: changes.lessonTypeId === undefined ? this.state.lessonTypeId : changes.lessonTypeId,
    });
    this.endBefore(date);
    return next;
  }

  snapshot(): LessonSeriesState {
    return copyData(this.state);
  }
}
