import { AuditTrail, Clock, DomainError, PersonalDataHolders, RateLimiter, rateLimited, UnitOfWork, type Actor, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { formerLabel } from '../model/pseudonym.js';
import { PersonalDataErasures } from '../ports/personal-data-erasures.js';
import { StudentProfileRepository, TeacherProfileRepository, UserRepository } from '../ports/index.js';
import { dataSubjectOf, personalDataLimit, profileContactsOf } from './export-personal-data.js';
import { notFound } from './not-found.js';

export interface ErasureOutcome {
  personId: UserId;
  pseudonym: string;
  erasedAt: Date;
}

/**
 * Erases an archived person (someone who has left), by anonymisation (admins only, confirmed by typing their name): every context's
 * `PersonalData` replaces their name, contacts and free text with a pseudonym (`Former student 12`, numbered once
 * per school) and keeps its records' shape; identity's comes last and removes the sign-in. Each context's step is
 * one unit of work: after a crash the erasure is run again, the steps done find nothing more to change, and the
 * number stays. Audited when begun and when finished, with the number and the contexts only.
 */
export class ErasePerson {
  constructor(
    private readonly users: UserRepository,
    private readonly students: StudentProfileRepository,
    private readonly teachers: TeacherProfileRepository,
    private readonly erasures: PersonalDataErasures,
    private readonly holders: PersonalDataHolders,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, personId: UserId, input: { confirmName: string }): Promise<ErasureOutcome> {
    requireRole(actor, 'admin');
    const person = await this.users.byId(personId);
    if (!person) throw notFound('The person');
    const already = await this.erasures.of(personId);
    if (already?.finishedAt) return { personId, pseudonym: already.pseudonym, erasedAt: already.finishedAt };
    if (personId === actor.userId) throw new DomainError('IDENTITY.CANNOT_ERASE_SELF', 'conflict', 'You cannot erase yourself.');
    if (!person.archived) throw new DomainError('IDENTITY.NOT_ARCHIVED', 'conflict', 'Only an archived person (someone who has left) can be erased: archive them first.');
    if (input.confirmName.trim().toLowerCase() !== person.name.trim().toLowerCase()) {
      throw DomainError.invalid('IDENTITY.ERASURE_NOT_CONFIRMED', 'confirmName', 'Type the person’s name exactly as shown to confirm.');
    }
    const turn = await this.limiter.take([personalDataLimit(actor)], this.clock.now());
    if (!turn.granted) throw rateLimited('IDENTITY.TOO_MANY_PERSONAL_DATA_REQUESTS', 'Too many data-protection requests; try again shortly.', turn.retryAfterMs);

    const record = await this.uow.run(async () => {
      const begun = await this.erasures.begin(personId, formerLabel(person.roles), this.clock.now());
      if (!already) {
        await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.person.erasure_started', entityType: 'user', entityId: personId, after: { number: begun.number } });
      }
      return begun;
    });
    // Read before any context's step: identity's, last, removes the profiles that hold these contacts.
    const subject = dataSubjectOf(person, record, await profileContactsOf({ students: this.students, teachers: this.teachers }, personId));
    const holders = this.holders.all();
    if (holders.at(-1)?.context !== 'identity') throw new Error('Identity’s personal data must be erased last: it holds what the others search for.');
    for (const [index, holder] of holders.entries()) {
      await this.uow.run(async () => {
        await holder.erase(subject);
        if (index === holders.length - 1) {
          await this.erasures.finish(personId, this.clock.now());
          await this.audit.record({
            schoolId: actor.schoolId,
            actorId: actor.userId,
            action: 'identity.person.erased',
            entityType: 'user',
            entityId: personId,
            after: { number: record.number, contexts: holders.map((h) => h.context) },
          });
        }
      });
    }
    return { personId, pseudonym: record.pseudonym, erasedAt: this.clock.now() };
  }
}
