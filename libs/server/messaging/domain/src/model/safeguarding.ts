import { DomainError, type UserId } from '@cadenza/shared/kernel';

/**
 * How the school protects minors in threads with adults who are not their guardians:
 * `require_guardian` refuses any such thread without a guardian of the minor in it;
 * `visible_to_lead` allows it and puts it under the safeguarding lead's oversight.
 */
export interface SafeguardingPolicy {
  minorThreads: 'require_guardian' | 'visible_to_lead';
}

export interface SafeguardedPerson {
  id: UserId;
  name: string;
  roles: readonly string[];
  /** Under 18; null when the school has not recorded their date of birth. */
  minor: boolean | null;
}

/**
 * Whether the rule protects this person as a minor: anyone under 18, and a student whose date of
 * birth is not recorded (an unknown age is never taken for an adult's). Anyone else without a
 * recorded date of birth (a parent, a teacher) counts as an adult.
 */
export function countsAsMinor(person: Pick<SafeguardedPerson, 'minor' | 'roles'>): boolean {
  return person.minor ?? person.roles.includes('student');
}

export type SafeguardingAssessment =
  /** `overseenFor`: the first minor whose cover is the lead's oversight (null when none needs it). */
  | { allowed: true; leadOversight: boolean; overseenFor: { id: UserId; name: string } | null }
  | { allowed: false; minor: { id: UserId; name: string } };

/**
 * The safeguarding rule over a prospective set of participants. A minor "needs cover" when the
 * thread holds an adult who is not their guardian. Under `require_guardian` a guardian of theirs
 * must be in the thread; under `visible_to_lead` the thread goes under the lead's oversight.
 * Minors among themselves, or with their own guardians only, need nothing.
 */
export function assessParticipants(
  people: readonly SafeguardedPerson[],
  guardiansOf: ReadonlyMap<UserId, readonly UserId[]>,
  policy: SafeguardingPolicy,
): SafeguardingAssessment {
  let overseenFor: { id: UserId; name: string } | null = null;
  for (const minor of people.filter(countsAsMinor)) {
    const guardians = guardiansOf.get(minor.id) ?? [];
    const needsCover = people.some((p) => p.id !== minor.id && !countsAsMinor(p) && !guardians.includes(p.id));
    if (!needsCover) continue;
    if (policy.minorThreads === 'visible_to_lead') {
      overseenFor ??= { id: minor.id, name: minor.name };
      continue;
    }
    if (!people.some((p) => guardians.includes(p.id))) return { allowed: false, minor: { id: minor.id, name: minor.name } };
  }
  return { allowed: true, leadOversight: overseenFor !== null, overseenFor };
}

export function minorWithoutGuardian(minor: { id: UserId; name: string }): DomainError {
  return new DomainError('MESSAGING.MINOR_WITHOUT_GUARDIAN', 'forbidden', `${minor.name} is under 18: a parent or guardian of theirs must be in this thread.`, {
    minorId: minor.id,
    minorName: minor.name,
  });
}

/**
 * Posting in a thread that the rule in force no longer allows (a participant became a minor, or the
 * school now requires a guardian): refused until a guardian of theirs joins. A private thread holds
 * its two people only, so there the way on is a conversation that includes a guardian.
 */
export function guardianMustJoin(minor: { id: UserId; name: string }, privateThread: boolean): DomainError {
  const way = privateThread ? 'start a conversation that includes one of them instead' : 'add one of them before anyone posts here again';
  return new DomainError('MESSAGING.GUARDIAN_MUST_JOIN', 'forbidden', `${minor.name} is under 18 or their age is not recorded: a parent or guardian of theirs must be in this thread, so ${way}.`, {
    minorId: minor.id,
    minorName: minor.name,
  });
}
