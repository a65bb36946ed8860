import type {
  Availability as AvailabilityView,
  Closure as ClosureView,
  FreeSlot,
  Lesson as LessonView,
  LessonDetail as LessonDetailView,
  LessonRequest as LessonRequestView,
  LessonSeries as SeriesView,
  LessonType as LessonTypeView,
  MakeupCredit as MakeupCreditView,
  NamedPerson,
  Room as RoomView,
  SchedulingPolicy as PolicyView,
  SeriesDetail as SeriesDetailView,
  Term as TermView,
} from '@cadenza/shared/contracts';
import type {
  Availability,
  Closure,
  FreeSlotSuggestion,
  Lesson,
  LessonDetail,
  LessonRequest,
  LessonSeries,
  LessonState,
  LessonType,
  ListedLesson,
  MakeupCredit,
  Room,
  SchedulingPolicy,
  SeriesDetail,
  Term,
} from '@cadenza/server/scheduling/domain';

const iso = (d: Date) => d.toISOString();

/** Who a lesson or a series is with, where and of what type: as both their views show it. */
const presentPeople = (s: Pick<LessonState, 'teacherId' | 'studentIds' | 'roomId' | 'accompanistId' | 'lessonTypeId'>) => {
  const { teacherId, studentIds, roomId, accompanistId, lessonTypeId } = s;
  return { teacherId, studentIds: [...studentIds], roomId, accompanistId, lessonTypeId };
};

export const presentRoom = (room: Room): RoomView => {
  const { id, name, capacity, features, active } = room.snapshot();
  return { id, name, capacity, features, active };
};
export const presentTerm = (term: Term): TermView => {
  const { id, name, startDate, endDate } = term.snapshot();
  return { id, name, startDate, endDate };
};
export const presentClosure = (closure: Closure): ClosureView => {
  const { id, name, startDate, endDate } = closure.snapshot();
  return { id, name, startDate, endDate };
};
export const presentLessonType = (type: LessonType): LessonTypeView => {
  const { id, name, durationMinutes, format, rateMinor } = type.snapshot();
  return { id, name, durationMinutes, format, rateMinor };
};
export const presentAvailability = (availability: Availability): AvailabilityView => {
  const s = availability.snapshot();
  return { personId: s.personId, windows: s.windows, exceptions: s.exceptions, bufferMinutes: s.bufferMinutes };
};

export function presentLesson(lesson: Lesson): LessonView {
  const s = lesson.snapshot();
  return {
    id: s.id,
    ...presentPeople(s),
    seriesId: s.seriesId,
    start: iso(s.start),
    end: iso(s.end),
    status: s.status,
    cancellation: s.cancellation ? { ...s.cancellation, at: iso(s.cancellation.at) } : null,
  };
}

/** Someone who may only see that a room or teacher is busy sees when, not who or what. */
export function presentListed(listed: ListedLesson): LessonView {
  const view = { ...presentLesson(listed.lesson), openRequests: listed.openRequests.map((r) => ({ id: r.id, kind: r.kind })) };
  return listed.visibility === 'full' ? view : { ...view, studentIds: [], accompanistId: null, lessonTypeId: null, seriesId: null, cancellation: null, openRequests: [] };
}

export function presentSeries(series: LessonSeries): SeriesView {
  const s = series.snapshot();
  return {
    id: s.id,
    ...presentPeople(s),
    termId: s.termId,
    rrule: s.rrule,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    firstDate: s.firstDate,
    untilDate: s.untilDate,
    timeZone: s.timeZone,
  };
}

export function presentRequest(request: LessonRequest, requesterName: string | null, lesson: Lesson | null): LessonRequestView {
  const s = request.snapshot();
  return {
    id: s.id,
    kind: s.kind,
    status: s.status,
    requestedBy: s.requestedBy,
    requesterName,
    studentId: s.studentId,
    teacherId: s.teacherId,
    lessonId: s.lessonId,
    lesson: lesson ? { start: iso(lesson.start), end: iso(lesson.end), status: lesson.status } : null,
    proposed: s.proposed ? { start: iso(s.proposed.start), end: iso(s.proposed.end) } : null,
    series: s.series ? { rrule: s.series.rrule, startTime: s.series.startTime, durationMinutes: s.series.durationMinutes, termId: s.series.termId, firstDate: s.series.firstDate } : null,
    counter: s.counter ? { start: iso(s.counter.start), end: iso(s.counter.end), by: s.counter.by } : null,
    message: s.message,
    decision: s.decision ? { by: s.decision.by, at: iso(s.decision.at), reason: s.decision.reason } : null,
    createdAt: iso(s.createdAt),
    policy: s.policy,
  };
}

export function presentCredit(credit: MakeupCredit): MakeupCreditView {
  const s = credit.snapshot();
  return {
    id: s.id,
    studentId: s.studentId,
    originLessonId: s.originLessonId,
    grantedAt: iso(s.grantedAt),
    expiresAt: iso(s.expiresAt),
    status: s.status,
    usedOnLessonId: s.usedOnLessonId,
    voidReason: s.voidReason,
  };
}

export const presentSlot = (slot: FreeSlotSuggestion): FreeSlot => ({ start: iso(slot.start), end: iso(slot.end), roomId: slot.roomId });

export const presentPolicy = (policy: SchedulingPolicy): PolicyView => {
  const { cancellationNoticeHours, makeupCreditDays } = policy.snapshot();
  return { cancellationNoticeHours, makeupCreditDays };
};

const presentNames = (names: ReadonlyMap<string, string>): NamedPerson[] => [...names].map(([id, name]) => ({ id, name }));

export function presentLessonDetail(detail: LessonDetail): LessonDetailView {
  return {
    lesson: { ...presentLesson(detail.lesson), openRequests: detail.requests.map((r) => ({ id: r.id, kind: r.kind })) },
    series: detail.series ? presentSeries(detail.series) : null,
    room: detail.room ? presentRoom(detail.room) : null,
    lessonType: detail.lessonType ? presentLessonType(detail.lessonType) : null,
    people: presentNames(detail.names),
    requests: detail.requests.map((r) => presentRequest(r, detail.names.get(r.snapshot().requestedBy) ?? null, detail.lesson)),
    history: detail.history ? detail.history.map((h) => ({ at: iso(h.at), actorId: h.actorId, action: h.action, entityType: h.entityType, fields: h.fields })) : null,
    canChange: detail.canChange,
  };
}

export function presentSeriesDetail(detail: SeriesDetail): SeriesDetailView {
  return { series: presentSeries(detail.series), lessons: detail.lessons.map(presentLesson), people: presentNames(detail.names), canChange: detail.canChange };
}
