import { AuditTrail, Clock, PersonalDataHolders, RateLimiter, rateLimited, UnitOfWork, type Actor, type DataSubject, type PersonalDataSection, type UserId } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { formerLabel, pseudonymEmailFor, pseudonymFor } from '../model/pseudonym.js';
import type { User } from '../model/user.js';
import { PersonalDataErasures, type ErasureRecord } from '../ports/personal-data-erasures.js';
import { StudentProfileRepository, TeacherProfileRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/** Everything the school holds about one person, context by context, for a subject-access request. */
export interface PersonalDataExport {
  personId: UserId;
  /** Their name as the school holds it now (the pseudonym once erased). */
  name: string;
  generatedAt: Date;
  generatedBy: UserId;
  erasure: { pseudonym: string; finishedAt: Date | null } | null;
  sections: PersonalDataSection[];
}

/** Data-protection requests are costly and reach every context: an admin makes 10 at once, then one a minute. */
export const PERSONAL_DATA_REQUESTS_PER_ADMIN = { burst: 10, everyMs: 60_000 };

export function personalDataLimit(actor: Actor) {
  return { key: `identity.personal-data.admin:${actor.userId}`, ...PERSONAL_DATA_REQUESTS_PER_ADMIN };
}

/**
 * The texts that name a person, which every context looks for in its free text: their name and email, and the
 * contacts their profiles hold (a teacher's work phone and address, a student's emergency contact's phone).
 */
export function identifiersOf(user: User, contacts: readonly (string | null)[] = []): string[] {
  const texts = [user.name, user.email, ...contacts].filter((text): text is string => text !== null && text.trim().length > 0);
  return [...new Set(texts)];
}

/** The phones and addresses a person's student and teaching profiles hold, which an erasure looks for too. */
export async function profileContactsOf(profiles: { students: StudentProfileRepository; teachers: TeacherProfileRepository }, personId: UserId): Promise<(string | null)[]> {
  const [student, teacher] = await Promise.all([profiles.students.byStudent(personId), profiles.teachers.byTeacher(personId)]);
  const teaching = teacher?.snapshot();
  return [student?.snapshot().emergencyContact?.phone ?? null, teaching?.phone ?? null, teaching?.email ?? null];
}

/** The person as every context's `PersonalData` needs them, with the pseudonym of their erasure (begun or not). */
export function dataSubjectOf(user: User, erasure: ErasureRecord | null, contacts: readonly (string | null)[] = []): DataSubject {
  return {
    schoolId: user.schoolId,
    personId: user.id,
    identifiers: identifiersOf(user, contacts),
    pseudonym: erasure?.pseudonym ?? pseudonymFor(formerLabel(user.roles), erasure?.number ?? 0),
    pseudonymEmail: pseudonymEmailFor(user.id),
  };
}

/**
 * A subject-access export (admins only): every context's `PersonalData` reads what it holds about the person. The
 * export is audited (`identity.personal_data.exported`, naming the contexts, no personal text) and limited per admin.
 */
export class ExportPersonalData {
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

  async execute(actor: Actor, personId: UserId): Promise<PersonalDataExport> {
    requireRole(actor, 'admin');
    const person = await this.users.byId(personId);
    if (!person) throw notFound('The person');
    const turn = await this.limiter.take([personalDataLimit(actor)], this.clock.now());
    if (!turn.granted) throw rateLimited('IDENTITY.TOO_MANY_PERSONAL_DATA_REQUESTS', 'Too many data-protection requests; try again shortly.', turn.retryAfterMs);
    const erasure = await this.erasures.of(personId);
    const subject = dataSubjectOf(person, erasure, await profileContactsOf({ students: this.students, teachers: this.teachers }, personId));
    const sections: PersonalDataSection[] = [];
    for (const holder of this.holders.all()) sections.push(await holder.export(subject));
    const generatedAt = this.clock.now();
    await this.uow.run(() =>
      this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'identity.personal_data.exported',
        entityType: 'user',
        entityId: personId,
        after: { contexts: sections.map((s) => s.context) },
      }),
    );
    return {
      personId,
      name: person.name,
      generatedAt,
      generatedBy: actor.userId,
      erasure: erasure ? { pseudonym: erasure.pseudonym, finishedAt: erasure.finishedAt } : null,
      sections,
    };
  }
}
