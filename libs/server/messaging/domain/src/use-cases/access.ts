import { DomainError, type UserId, type Actor } from '@cadenza/shared/kernel';
import { forbidden, isStaffRoles } from '../model/actor.js';
import type { MessageId, ThreadId } from '../model/ids.js';
import type { Message } from '../model/message.js';
import { assessParticipants, countsAsMinor, guardianMustJoin, minorWithoutGuardian, type SafeguardingPolicy } from '../model/safeguarding.js';
import type { Thread } from '../model/thread.js';
import type { MessageRepository, MessagingDirectory, MessagingPerson, ThreadRepository } from '../ports/index.js';

export function threadNotFound(): DomainError {
  return DomainError.notFound('MESSAGING.THREAD_NOT_FOUND', 'The thread');
}

export async function loadThread(threads: ThreadRepository, id: ThreadId): Promise<Thread> {
  const thread = typeof id === 'string' && id.length > 0 ? await threads.byId(id) : null;
  if (!thread) throw threadNotFound();
  return thread;
}

/** A thread the actor is not in is, to them, not there: 404, never a 403 that confirms it exists. */
export async function loadOwnThread(threads: ThreadRepository, actor: Actor, id: ThreadId): Promise<Thread> {
  const thread = await loadThread(threads, id);
  if (!thread.includes(actor.userId)) throw threadNotFound();
  return thread;
}

export function messageNotFound(): DomainError {
  return DomainError.notFound('MESSAGING.MESSAGE_NOT_FOUND', 'The message');
}

/** A message with its thread, when the actor is in that thread; any other message is, to them, not there (404). */
export async function loadOwnMessage(messages: MessageRepository, threads: ThreadRepository, actor: Actor, id: MessageId): Promise<{ message: Message; thread: Thread }> {
  const message = typeof id === 'string' ? await messages.byId(id) : null;
  if (!message) throw messageNotFound();
  try {
    return { message, thread: await loadOwnThread(threads, actor, message.threadId) };
  } catch {
    throw messageNotFound();
  }
}

/** The actor's directory entry when they are the safeguarding lead (an admin with the flag), else null. */
export async function safeguardingLead(actor: Actor, directory: MessagingDirectory): Promise<MessagingPerson | null> {
  if (!actor.roles.includes('admin')) return null;
  const person = await directory.person(actor.userId);
  return person && person.safeguardingLead && person.roles.includes('admin') ? person : null;
}

export async function requireLead(actor: Actor, directory: MessagingDirectory): Promise<MessagingPerson> {
  const lead = await safeguardingLead(actor, directory);
  if (!lead) throw new DomainError('MESSAGING.LEAD_ONLY', 'forbidden', 'Only the safeguarding lead can do this.');
  return lead;
}

export async function loadPeople(directory: MessagingDirectory, ids: readonly UserId[]): Promise<MessagingPerson[]> {
  const people: MessagingPerson[] = [];
  for (const [index, id] of ids.entries()) {
    const person = typeof id === 'string' && id.length > 0 ? await directory.person(id) : null;
    if (!person) {
      throw new DomainError('MESSAGING.PERSON_NOT_FOUND', 'not_found', 'Someone in this thread was not found.', { fields: [{ field: `participantIds.${index}`, message: 'Not found.' }] });
    }
    people.push(person);
  }
  return people;
}

export async function guardianMap(directory: MessagingDirectory, people: readonly MessagingPerson[]): Promise<Map<UserId, UserId[]>> {
  const map = new Map<UserId, UserId[]>();
  for (const p of people) if (countsAsMinor(p)) map.set(p.id, await directory.guardiansOf(p.id));
  return map;
}

/**
 * The safeguarding rule over the participants a thread would have: throws
 * `MESSAGING.MINOR_WITHOUT_GUARDIAN` when refused, else says whether the lead must oversee it.
 */
export async function enforceSafeguarding(directory: MessagingDirectory, people: readonly MessagingPerson[]): Promise<{ leadOversight: boolean }> {
  const policy = await directory.schoolPolicy();
  const assessment = assessParticipants(people, await guardianMap(directory, people), policy);
  if (!assessment.allowed) throw minorWithoutGuardian(assessment.minor);
  return { leadOversight: assessment.leadOversight };
}

/** What the safeguarding rule says of a thread as it is now: who needs a guardian to join, or whom the lead's oversight covers. */
export interface ThreadSafeguarding {
  guardianNeededFor: { id: UserId; name: string } | null;
  overseenFor: { id: UserId; name: string } | null;
}

/** The safeguarding rule over a thread's people as they are now, under the school's policy in force (or the one given). */
export async function assessThread(directory: MessagingDirectory, thread: Thread, policy?: SafeguardingPolicy): Promise<ThreadSafeguarding> {
  const people = await directory.people(thread.participantIds);
  const assessment = assessParticipants(people, await guardianMap(directory, people), policy ?? (await directory.schoolPolicy()));
  return assessment.allowed ? { guardianNeededFor: null, overseenFor: assessment.overseenFor } : { guardianNeededFor: assessment.minor, overseenFor: null };
}

/**
 * Before anyone writes in a thread: the rule as it stands now, not only as it stood when the thread began (a date of
 * birth recorded since, a policy changed since). Refused with `MESSAGING.GUARDIAN_MUST_JOIN` until a guardian joins;
 * under `visible_to_lead` a thread not yet overseen is placed under the lead's oversight (the caller saves it and tells
 * the lead): the minor it was placed for, else null.
 */
export async function requireSafeguardedThread(directory: MessagingDirectory, thread: Thread): Promise<{ id: UserId; name: string } | null> {
  const { guardianNeededFor, overseenFor } = await assessThread(directory, thread);
  if (guardianNeededFor) throw guardianMustJoin(guardianNeededFor, thread.kind === 'direct');
  if (!overseenFor || thread.leadOversight) return null;
  thread.placeUnderOversight();
  return overseenFor;
}

/**
 * Whom a person may bring into a thread. Staff may bring anyone; a parent or student only staff
 * and their own family (their children, their guardians).
 */
export async function requireMayInclude(actor: Actor, others: readonly MessagingPerson[], directory: MessagingDirectory): Promise<void> {
  if (isStaffRoles(actor.roles)) return;
  for (const other of others) {
    if (other.id === actor.userId || isStaffRoles(other.roles)) continue;
    const family = (await directory.guardiansOf(other.id)).includes(actor.userId) || (await directory.guardiansOf(actor.userId)).includes(other.id);
    if (!family) throw forbidden('You can message the school’s staff and your own family.');
  }
}

/** Who may change a thread's participants: its staff participants and its creator. */
export function requireMayManage(actor: Actor, thread: Thread): void {
  if (!(isStaffRoles(actor.roles) || thread.createdBy === actor.userId)) throw forbidden('Only staff in the thread or the person who started it can change who is in it.');
}
