import { AuditTrail, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import { Closure, Term, type DateSpanChanges } from '../model/calendar.js';
import type { ClosureId, TermId } from '../model/ids.js';
import { CalendarRepository, SeriesRepository } from '../ports/index.js';
import { auditedWrite } from './audited-write.js';

function overlapError(): DomainError {
  return new DomainError('SCHEDULING.TERM_OVERLAP', 'conflict', 'Terms cannot overlap.', { fields: [{ field: 'startDate', message: 'Overlaps another term.' }] });
}

async function existingTerm(calendar: CalendarRepository, id: TermId): Promise<Term> {
  const term = await calendar.termById(id);
  if (!term) throw DomainError.notFound('SCHEDULING.TERM_NOT_FOUND', 'The term');
  return term;
}

async function existingClosure(calendar: CalendarRepository, id: ClosureId): Promise<Closure> {
  const closure = await calendar.closureById(id);
  if (!closure) throw DomainError.notFound('SCHEDULING.CLOSURE_NOT_FOUND', 'The closure');
  return closure;
}

/** Refuses to move or remove a term that series run in: their lessons were laid out by its dates. */
async function assertNoSeries(series: SeriesRepository, term: Term, doing: string): Promise<void> {
  const count = (await series.inTerm(term.id)).length;
  if (count === 0) return;
  const what = count === 1 ? '1 lesson series runs' : `${count} lesson series run`;
  throw new DomainError('SCHEDULING.TERM_IN_USE', 'conflict', `${what} in ${term.name}: its lessons were placed by the term's dates, so it cannot be ${doing}. End those series first; renaming is allowed.`);
}

export class CreateTerm {
  constructor(
    private readonly calendar: CalendarRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { name: string; startDate: string; endDate: string }): Promise<Term> {
    requireAdmin(actor);
    const term = Term.create({ ...input, schoolId: actor.schoolId });
    const existing = await this.calendar.terms();
    if (existing.some((t) => t.overlaps(term))) throw overlapError();
    await auditedWrite(this, actor, { action: 'scheduling.term.created', entityType: 'term', entityId: term.id, after: term.snapshot() }, () => this.calendar.addTerm(term));
    return term;
  }
}

/** Renames a term or moves its dates; dates stay while series run in it, and terms never overlap. */
export class UpdateTerm {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly series: SeriesRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: DateSpanChanges & { termId: TermId }): Promise<Term> {
    requireAdmin(actor);
    const term = await existingTerm(this.calendar, input.termId);
    const before = term.snapshot();
    if (term.movesDates(input)) await assertNoSeries(this.series, term, 'moved');
    term.change(input);
    if ((await this.calendar.terms()).some((t) => t.id !== term.id && t.overlaps(term))) throw overlapError();
    await auditedWrite(this, actor, { action: 'scheduling.term.updated', entityType: 'term', entityId: term.id, before, after: term.snapshot() }, () => this.calendar.updateTerm(term));
    return term;
  }
}

/** Removes a term no series runs in. */
export class RemoveTerm {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly series: SeriesRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { termId: TermId }): Promise<void> {
    requireAdmin(actor);
    const term = await existingTerm(this.calendar, input.termId);
    await assertNoSeries(this.series, term, 'removed');
    await auditedWrite(this, actor, { action: 'scheduling.term.removed', entityType: 'term', entityId: term.id, before: term.snapshot() }, () => this.calendar.removeTerm(term.id));
  }
}

/** Everyone in the school may read the calendar. */
export class ListTerms {
  constructor(private readonly calendar: CalendarRepository) {}

  async execute(_actor: Actor): Promise<Term[]> {
    return (await this.calendar.terms()).sort((a, b) => a.startDate.localeCompare(b.startDate));
  }
}

export class AddClosure {
  constructor(
    private readonly calendar: CalendarRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { name: string; startDate: string; endDate: string }): Promise<Closure> {
    requireAdmin(actor);
    const closure = Closure.create({ ...input, schoolId: actor.schoolId });
    await auditedWrite(this, actor, { action: 'scheduling.closure.created', entityType: 'closure', entityId: closure.id, after: closure.snapshot() }, () => this.calendar.addClosure(closure));
    return closure;
  }
}

export class ListClosures {
  constructor(private readonly calendar: CalendarRepository) {}

  async execute(_actor: Actor): Promise<Closure[]> {
    return (await this.calendar.closures()).sort((a, b) => a.startDate.localeCompare(b.startDate));
  }
}

/**
 * Renames or moves a closure. Nothing is stored against a closure (series skip its days when they are made, and
 * lessons booked since are checked against the closures of their day), so it may always change.
 */
export class UpdateClosure {
  constructor(
    private readonly calendar: CalendarRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: DateSpanChanges & { closureId: ClosureId }): Promise<Closure> {
    requireAdmin(actor);
    const closure = await existingClosure(this.calendar, input.closureId);
    const before = closure.snapshot();
    closure.change(input);
    await auditedWrite(this, actor, { action: 'scheduling.closure.updated', entityType: 'closure', entityId: closure.id, before, after: closure.snapshot() }, () => this.calendar.updateClosure(closure));
    return closure;
  }
}

/** Removes a closure: its days become bookable again. */
export class RemoveClosure {
  constructor(
    private readonly calendar: CalendarRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { closureId: ClosureId }): Promise<void> {
    requireAdmin(actor);
    const closure = await existingClosure(this.calendar, input.closureId);
    await auditedWrite(this, actor, { action: 'scheduling.closure.removed', entityType: 'closure', entityId: closure.id, before: closure.snapshot() }, () => this.calendar.removeClosure(closure.id));
  }
}
