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
  minor: boolean;
}

export type SafeguardingAssessment =
  | { allowed: true; leadOversight: boolean }
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
  let leadOversight = false;
  for (const minor of people.filter((p) => p.minor)) {
    const guardians = guardiansOf.get(minor.id) ?? [];
    const needsCover = people.some((p) => p.id !== minor.id && !p.minor && !guardians.includes(p.id));
    if (!needsCover) continue;
    if (policy.minorThreads === 'visible_to_lead') {
      leadOversight = true;
      continue;
    }
    if (!people.some((p) => guardians.includes(p.id))) return { allowed: false, minor: { id: minor.id, name: minor.name } };
  }
  return { allowed: true, leadOversight };
}

export function minorWithoutGuardian(minor: { id: UserId; name: string }): DomainError {
  return new DomainError('MESSAGING.MINOR_WITHOUT_GUARDIAN', 'forbidden', `${minor.name} is under 18: a parent or guardian of theirs must be in this thread.`, {
    minorId: minor.id,
    minorName: minor.name,
  });
}
