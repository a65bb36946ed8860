import { AuditTrail, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import { Closure, Term } from '../model/calendar.js';
import { CalendarRepository } from '../ports/index.js';

export class CreateTerm {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { name: string; startDate: string; endDate: string }): Promise<Term> {
    requireAdmin(actor);
    const term = Term.create({ ...input, schoolId: actor.schoolId });
    const existing = await this.calendar.terms();
    if (existing.some((t) => t.overlaps(term))) {
      throw new DomainError('SCHEDULING.TERM_OVERLAP', 'conflict', 'Terms cannot overlap.', { fields: [{ field: 'startDate', message: 'Overlaps another term.' }] });
    }
    await this.uow.run(async () => {
      await this.calendar.addTerm(term);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'scheduling.term.created', entityType: 'term', entityId: term.id, after: term.snapshot() });
    });
    return term;
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
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { name: string; startDate: string; endDate: string }): Promise<Closure> {
    requireAdmin(actor);
    const closure = Closure.create({ ...input, schoolId: actor.schoolId });
    await this.uow.run(async () => {
      await this.calendar.addClosure(closure);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'scheduling.closure.created', entityType: 'closure', entityId: closure.id, after: closure.snapshot() });
    });
    return closure;
  }
}

export class ListClosures {
  constructor(private readonly calendar: CalendarRepository) {}

  async execute(_actor: Actor): Promise<Closure[]> {
    return (await this.calendar.closures()).sort((a, b) => a.startDate.localeCompare(b.startDate));
  }
}
