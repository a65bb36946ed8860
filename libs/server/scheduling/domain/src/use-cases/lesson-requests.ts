import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, DomainError, MINUTE, RateLimiter, UnitOfWork, rateLimited, type UserId, type Actor } from '@cadenza/shared/kernel';
import { forbidden, hasRole, isAdmin } from '../model/actor.js';
import { changeTurnOnce } from './change-limit.js';
import type { LessonId, LessonRequestId, TermId } from '../model/ids.js';
import { LessonRequest, requestExists, type LessonRequestStatus } from '../model/lesson-request.js';
import { LessonSeries } from '../model/lesson-series.js';
import type { Lesson } from '../model/lesson.js';
import { assertLessonSpan } from '../model/validation.js';
import {
  CalendarRepository,
  LessonRepository,
  LessonRequestRepository,
  MakeupCreditRepository,
  SchedulingEvents,
  SchedulingPolicyRepository,
  SchoolDirectory,
  type SchedulingEvent,
} from '../ports/index.js';
import { actsForStudent, requireVisibleLesson } from './access.js';
import { BookLesson } from './book-lesson.js';
import { cancelledEvent, recordCancellation } from './cancel-lesson.js';
import { applyCancellation } from './cancellation.js';
import { CreateSeries, type SeriesResolution } from './create-series.js';
import { MoveLesson } from './move-lesson.js';
import { loadPolicy } from './policy.js';
import { checkThenCommit, Timetable, type Override, type Prepared } from './timetable.js';

export type SubmitLessonRequestInput =
  | { kind: 'new_lesson'; studentId: UserId; teacherId: UserId; start: Date; end: Date; message?: string | null }
  | {
      kind: 'new_series';
      studentId: UserId;
      teacherId: UserId;
      termId: TermId;
      rrule: string;
      startTime: string;
      durationMinutes: number;
      firstDate: string;
      message?: string | null;
    }
  | { kind: 'reschedule'; lessonId: LessonId; start: Date; end: Date; message?: string | null }
  | { kind: 'cancellation'; lessonId: LessonId; message?: string | null };

function requestEvent(
  type: 'lesson_request.created.v1' | 'lesson_request.approved.v1' | 'lesson_request.declined.v1' | 'lesson_request.countered.v1' | 'lesson_request.withdrawn.v1',
  request: LessonRequest,
  actorId: UserId | null,
  now: Date,
): SchedulingEvent {
  return outgoingEvent(
    request.schoolId,
    now,
    integrationEvent(type, { actorId, requestId: request.id, kind: request.kind, requestedBy: request.requestedBy, studentId: request.studentId, teacherId: request.teacherId }),
  );
}

async function loadRequest(requests: LessonRequestRepository, id: LessonRequestId): Promise<LessonRequest> {
  const request = await requests.byId(id);
  if (!request) throw DomainError.notFound('SCHEDULING.REQUEST_NOT_FOUND', 'The request');
  return request;
}

/** Saves a decision on a request with its audit event and integration event, in one unit of work (after applying it, when it changes the timetable). */
async function saveDecision(
  ports: { requests: LessonRequestRepository; audit: AuditTrail; events: SchedulingEvents; uow: UnitOfWork },
  actor: Actor,
  request: LessonRequest,
  now: Date,
  action: string,
  event: Parameters<typeof requestEvent>[0],
  prepare?: () => Promise<Prepared<unknown>>,
  turn?: () => Promise<void>,
): Promise<void> {
  // A decision that books is a booking path: checked, committed, and checked again after a lost race.
  await checkThenCommit(ports.uow, async () => {
    const apply = await prepare?.();
    // Once everything is checked, and before anything is written: a refusal leaves nothing behind.
    await turn?.();
    const commit = async () => {
      await apply?.commit();
      await ports.requests.update(request);
      await ports.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action, entityType: 'lesson_request', entityId: request.id, after: request.snapshot() });
      await ports.events.publish([requestEvent(event, request, actor.userId, now)]);
    };
    return { result: undefined, commit };
  });
}

/** Admins, or the teacher the request is addressed to, decide it. */
function requireDecider(actor: Actor, request: LessonRequest): void {
  if (!isAdmin(actor) && !(hasRole(actor, 'teacher') && request.teacherId === actor.userId)) throw forbidden('Only the teacher or an admin can decide this request.');
}

/**
 * How many requests one person may submit: eight at once, then one every two minutes. Each request mails its
 * teacher (unless they turned that off), so a burst of them must not become a burst of mail.
 */
export const REQUESTS_PER_PERSON = { burst: 8, everyMs: 2 * MINUTE } as const;

/**
 * A student asks for themselves, a parent with full access for their child: a new lesson or
 * series, a different time, or a cancellation (which shows what the policy will do). Each person
 * takes a turn of `REQUESTS_PER_PERSON` once the request is valid; past it, 429 with `Retry-After`.
 */
export class SubmitLessonRequest {
  constructor(
    private readonly requests: LessonRequestRepository,
    private readonly lessons: LessonRepository,
    private readonly calendar: CalendarRepository,
    private readonly policies: SchedulingPolicyRepository,
    private readonly timetable: Timetable,
    private readonly directory: SchoolDirectory,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {}

  async execute(actor: Actor, input: SubmitLessonRequestInput): Promise<LessonRequest> {
    const now = this.clock.now();
    let request: LessonRequest;
    const base = { schoolId: actor.schoolId, requestedBy: actor.userId, message: input.message ?? null };
    if (input.kind === 'new_lesson' || input.kind === 'new_series') {
      await this.requireActsFor(actor, input.studentId);
      await this.timetable.requirePerson(input.teacherId, 'teacher', 'teacherId');
      await this.timetable.requirePerson(input.studentId, 'student', 'studentId');
      const who = { studentId: input.studentId, teacherId: input.teacherId };
      if (input.kind === 'new_lesson') {
        assertLessonSpan(input.start, input.end);
        request = LessonRequest.submit({ ...base, ...who, kind: 'new_lesson', start: input.start, end: input.end }, now);
      } else {
        const term = await this.calendar.termById(input.termId);
        if (!term) throw DomainError.notFound('SCHEDULING.TERM_NOT_FOUND', 'The term');
        // Validates the rule, times and dates the way creating the series will.
        LessonSeries.create({ ...input, schoolId: actor.schoolId, studentIds: [input.studentId], term, timeZone: await this.timetable.timeZone() });
        const series = { rrule: input.rrule, startTime: input.startTime, durationMinutes: input.durationMinutes, termId: input.termId, firstDate: input.firstDate };
        request = LessonRequest.submit({ ...base, ...who, kind: 'new_series', series }, now);
      }
    } else {
      const lesson = await this.lessons.byId(input.lessonId);
      if (!lesson) throw DomainError.notFound('SCHEDULING.LESSON_NOT_FOUND', 'The lesson');
      await requireVisibleLesson(actor, lesson, this.directory);
      const studentId = await this.studentActedFor(actor, lesson);
      if (lesson.status !== 'scheduled') throw new DomainError('SCHEDULING.LESSON_NOT_SCHEDULED', 'conflict', `This lesson is ${lesson.status}.`);
      const who = { studentId, teacherId: lesson.teacherId, lessonId: lesson.id };
      // One open request per lesson, kind and student: the family follows the first (answered or withdrawn) instead.
      const open = await this.openRequest(lesson, input.kind, studentId);
      if (open) throw requestExists(open);
      if (input.kind === 'reschedule') {
        assertLessonSpan(input.start, input.end);
        request = LessonRequest.submit({ ...base, ...who, kind: 'reschedule', start: input.start, end: input.end }, now);
      } else {
        const policy = await loadPolicy(this.policies, actor);
        request = LessonRequest.submit({ ...base, ...who, kind: 'cancellation', policy: policy.cancellationOutcome('family', lesson.start, now) }, now);
      }
    }
    const turn = await this.limiter.take([{ key: `scheduling.request.by:${actor.userId}`, ...REQUESTS_PER_PERSON }], now);
    if (!turn.granted) throw rateLimited('SCHEDULING.TOO_MANY_REQUESTS', 'You have sent several requests just now; wait a moment before the next.', turn.retryAfterMs);
    try {
      await this.uow.run(async () => {
        await this.requests.add(request);
        await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'scheduling.request.submitted', entityType: 'lesson_request', entityId: request.id, after: request.snapshot() });
        await this.events.publish([requestEvent('lesson_request.created.v1', request, actor.userId, now)]);
      });
    } catch (error) {
      // Another one was added meanwhile (two sent at once): refused the same way, naming the one kept, once its unit of work is over.
      if (error instanceof DomainError && error.code === 'SCHEDULING.REQUEST_EXISTS' && request.lessonId) {
        throw requestExists((await this.requests.openAbout([request.lessonId])).find((r) => r.kind === request.kind && r.studentId === request.studentId)?.id ?? null);
      }
      throw error;
    }
    return request;
  }

  private async openRequest(lesson: Lesson, kind: 'reschedule' | 'cancellation', studentId: UserId): Promise<LessonRequestId | null> {
    return (await this.requests.openAbout([lesson.id])).find((r) => r.kind === kind && r.studentId === studentId)?.id ?? null;
  }

  private async requireActsFor(actor: Actor, studentId: UserId): Promise<void> {
    if (!(await actsForStudent(actor, studentId, this.directory))) throw forbidden('Students ask for themselves; parents need full access to ask for a child.');
  }

  private async studentActedFor(actor: Actor, lesson: Lesson): Promise<UserId> {
    for (const id of lesson.studentIds) if (await actsForStudent(actor, id, this.directory)) return id;
    throw forbidden('Students ask for themselves; parents need full access to ask for a child.');
  }
}

/** Lists the requests the actor may see: admins all, teachers theirs, students theirs, parents their children's. */
export class ListLessonRequests {
  constructor(
    private readonly requests: LessonRequestRepository,
    private readonly directory: SchoolDirectory,
    private readonly lessons: LessonRepository,
  ) {}

  /**
   * The lessons that reschedule and cancellation requests concern, as they are now, by id: the one
   * deciding sees which lesson it is and when; the family, what it asked about. One read for them all.
   * Only for requests the caller may already see (from `execute`, or one just acted on).
   */
  async lessonsOf(requests: readonly LessonRequest[]): Promise<Map<LessonId, Lesson>> {
    const ids = requests.map((r) => r.lessonId).filter((id): id is LessonId => id !== null);
    return new Map((await this.lessons.byIds(ids)).map((l) => [l.id, l]));
  }

  async execute(actor: Actor, filter: { status?: LessonRequestStatus } = {}): Promise<LessonRequest[]> {
    if (isAdmin(actor)) return this.requests.list({ status: filter.status });
    const involving: UserId[] = [actor.userId];
    if (hasRole(actor, 'parent')) involving.push(...(await this.directory.childrenOf(actor.userId)).map((c) => c.studentId));
    return this.requests.list({ involving, status: filter.status });
  }
}

/**
 * Carries out an approved request: books the lesson or series, moves or cancels the lesson.
 * The booking use cases check again; `commit` runs inside the caller's unit of work. One serves
 * both ways a request is approved: the decider's approval and the acceptance of a counter proposal.
 */
export class RequestApplier {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly credits: MakeupCreditRepository,
    private readonly policies: SchedulingPolicyRepository,
    private readonly book: BookLesson,
    private readonly move: MoveLesson,
    private readonly createSeries: CreateSeries,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
  ) {}

  async prepare(actor: Actor, request: LessonRequest, options: { override?: Override; resolutions?: readonly SeriesResolution[] }, now: Date): Promise<Prepared<void>> {
    const slot = request.effectiveSlot;
    switch (request.kind) {
      case 'new_lesson': {
        if (!slot) throw new DomainError('SCHEDULING.REQUEST_INCOMPLETE', 'invalid', 'The request has no time.');
        const prepared = await this.book.prepare(actor, { teacherId: request.teacherId, studentIds: [request.studentId], start: slot.start, end: slot.end, override: options.override });
        return { result: undefined, commit: prepared.commit };
      }
      case 'reschedule': {
        if (!slot || !request.lessonId) throw new DomainError('SCHEDULING.REQUEST_INCOMPLETE', 'invalid', 'The request has no time.');
        const prepared = await this.move.prepare(actor, { lessonId: request.lessonId, start: slot.start, end: slot.end, scope: 'this', override: options.override });
        return { result: undefined, commit: prepared.commit };
      }
      case 'new_series': {
        const series = request.series;
        if (!series) throw new DomainError('SCHEDULING.REQUEST_INCOMPLETE', 'invalid', 'The request has no series.');
        const prepared = await this.createSeries.prepare(actor, {
          ...series,
          teacherId: request.teacherId,
          studentIds: [request.studentId],
          resolutions: options.resolutions,
          override: options.override,
        });
        return { result: undefined, commit: prepared.commit };
      }
      case 'cancellation': {
        const lesson = request.lessonId ? await this.lessons.byId(request.lessonId) : null;
        if (!lesson) throw DomainError.notFound('SCHEDULING.LESSON_NOT_FOUND', 'The lesson');
        const policy = await loadPolicy(this.policies, actor);
        const credits = applyCancellation({
          schoolId: actor.schoolId,
          lessons: [lesson],
          side: 'family',
          by: request.requestedBy,
          reason: request.message ?? 'Cancelled at the family’s request.',
          familyStudentIds: [request.studentId],
          noticeGivenAt: request.createdAt,
          now,
          policy,
        });
        return {
          result: undefined,
          commit: async () => {
            await this.lessons.update(lesson);
            if (credits.length > 0) await this.credits.add(credits);
            await recordCancellation(this.audit, actor, lesson, { requestId: request.id, credits: credits.map((c) => c.snapshot()) });
            await this.events.publish([cancelledEvent(lesson, actor.schoolId, actor.userId, now)]);
          },
        };
      }
    }
  }
}

/**
 * The teacher of the request or an admin approves it, never the requester; the change is
 * checked again and applied with the approval in one unit of work. Deciding a request (approving,
 * declining, answering with another time) mails the requester, so each decision takes a turn of
 * the decider's `CHANGES_PER_PERSON` once it is checked.
 */
export class ApproveRequest {
  constructor(
    private readonly requests: LessonRequestRepository,
    private readonly applier: RequestApplier,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {}

  async execute(actor: Actor, input: { requestId: LessonRequestId; override?: Override; resolutions?: readonly SeriesResolution[] }): Promise<LessonRequest> {
    const request = await loadRequest(this.requests, input.requestId);
    if (request.requestedBy === actor.userId) throw new DomainError('SCHEDULING.OWN_REQUEST', 'forbidden', 'You cannot approve your own request.');
    requireDecider(actor, request);
    const now = this.clock.now();
    request.approve(actor.userId, now);
    await saveDecision(
      { requests: this.requests, audit: this.audit, events: this.events, uow: this.uow },
      actor,
      request,
      now,
      'scheduling.request.approved',
      'lesson_request.approved.v1',
      () => this.applier.prepare(actor, request, input, now),
      changeTurnOnce(this.limiter, actor, () => this.clock.now()),
    );
    return request;
  }
}

/**
 * A decider's answer that needs nothing but the request: declining it, or proposing another time. Loads the
 * request, checks the actor may decide it, changes it and saves the decision with its audit and event.
 */
abstract class RequestAnswer {
  constructor(
    private readonly requests: LessonRequestRepository,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {}

  protected async answer(
    actor: Actor,
    requestId: LessonRequestId,
    change: (request: LessonRequest, now: Date) => void,
    action: string,
    event: Parameters<typeof requestEvent>[0],
    check?: (request: LessonRequest, now: Date) => Promise<void>,
  ): Promise<LessonRequest> {
    const request = await loadRequest(this.requests, requestId);
    requireDecider(actor, request);
    const now = this.clock.now();
    change(request, now);
    const prepare = check ? async (): Promise<Prepared<unknown>> => (await check(request, now), { result: undefined, commit: async () => undefined }) : undefined;
    await saveDecision({ requests: this.requests, audit: this.audit, events: this.events, uow: this.uow }, actor, request, now, action, event, prepare, changeTurnOnce(this.limiter, actor, () => this.clock.now()));
    return request;
  }
}

export class DeclineRequest extends RequestAnswer {
  execute(actor: Actor, input: { requestId: LessonRequestId; reason: string }): Promise<LessonRequest> {
    return this.answer(actor, input.requestId, (request, now) => request.decline(actor.userId, now, input.reason), 'scheduling.request.declined', 'lesson_request.declined.v1');
  }
}

/**
 * The teacher or an admin answers with another time; the requester's side may then accept it. The time is checked
 * against the timetable when it is sent, as accepting it will book or move the lesson: a clash is refused with the
 * clash and free times nearby (`SCHEDULING.CONFLICT`), and nothing is sent. A lesson's own current slot never
 * clashes with its new time.
 */
export class CounterPropose extends RequestAnswer {
  constructor(
    requests: LessonRequestRepository,
    private readonly applier: RequestApplier,
    events: SchedulingEvents,
    audit: AuditTrail,
    uow: UnitOfWork,
    clock: Clock,
    limiter: RateLimiter,
  ) {
    super(requests, events, audit, uow, clock, limiter);
  }

  async execute(actor: Actor, input: { requestId: LessonRequestId; start: Date; end: Date; message?: string | null }): Promise<LessonRequest> {
    assertLessonSpan(input.start, input.end);
    return this.answer(
      actor,
      input.requestId,
      (request, now) => request.counterPropose(actor.userId, now, input),
      'scheduling.request.countered',
      'lesson_request.countered.v1',
      // What accepting it would do, checked and not written.
      async (request, now) => void (await this.applier.prepare(actor, request, {}, now)),
    );
  }
}

/**
 * The requester (or another guardian with full access to the student) accepts a counter
 * proposal; the one who proposed it cannot. The lesson is then booked or moved, checked again,
 * as the teacher's decision.
 */
export class AcceptCounterProposal {
  constructor(
    private readonly requests: LessonRequestRepository,
    private readonly applier: RequestApplier,
    private readonly directory: SchoolDirectory,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { requestId: LessonRequestId }): Promise<LessonRequest> {
    const request = await loadRequest(this.requests, input.requestId);
    const counter = request.counter;
    if (counter && counter.by === actor.userId) throw new DomainError('SCHEDULING.OWN_COUNTER', 'forbidden', 'You cannot accept your own counter proposal.');
    if (actor.userId !== request.requestedBy && !(await actsForStudent(actor, request.studentId, this.directory))) {
      throw forbidden('Only the requester’s side can accept a counter proposal.');
    }
    const now = this.clock.now();
    request.acceptCounter(actor.userId, now);
    // The school proposed this time, so the booking is made as the one who proposed it
    // (the request's teacher, or an admin): it is checked again like any booking.
    const proposer = counter?.by ?? request.teacherId;
    const asDecider: Actor = { userId: proposer, schoolId: actor.schoolId, roles: proposer === request.teacherId ? ['teacher'] : ['admin'] };
    await saveDecision({ requests: this.requests, audit: this.audit, events: this.events, uow: this.uow }, actor, request, now, 'scheduling.request.counter_accepted', 'lesson_request.approved.v1', () =>
      this.applier.prepare(asDecider, request, {}, now),
    );
    return request;
  }
}

export class WithdrawRequest {
  constructor(
    private readonly requests: LessonRequestRepository,
    private readonly events: SchedulingEvents,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { requestId: LessonRequestId }): Promise<LessonRequest> {
    const request = await loadRequest(this.requests, input.requestId);
    const now = this.clock.now();
    request.withdraw(actor.userId, now);
    await saveDecision({ requests: this.requests, audit: this.audit, events: this.events, uow: this.uow }, actor, request, now, 'scheduling.request.withdrawn', 'lesson_request.withdrawn.v1');
    return request;
  }
}
