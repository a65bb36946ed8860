import type { UserId, Actor } from '@cadenza/shared/kernel';
import { isStaffRoles } from '../model/actor.js';
import { countsAsMinor } from '../model/safeguarding.js';
import { MessagingDirectory, ThreadRepository, type MessagingPerson } from '../ports/index.js';

export interface Contact {
  id: UserId;
  name: string;
  roles: readonly string[];
  minor: boolean;
  /** The actor may start a thread with this person (else they are known only from a shared thread). */
  canStart: boolean;
  /** For staff asking: the names of the person's children, when they are a guardian. */
  children: string[];
}

/**
 * The people the actor can name in messaging: whom they may start a thread with (staff: everyone
 * in the school; a parent or student: their own family, the school's admins, and the teachers and
 * accompanists who teach the family's students; `StartThread` would also accept other staff) and
 * everyone already in a thread with them, so that every participant shown has a name. Someone who left the school
 * (archived) is offered only as a shared thread's participant, never to start a new thread with. Never the actor themself, never another school's people (the directory is
 * scoped to the actor's school), never another family. Staff see each guardian with their children's names; a
 * teacher or accompanist sees their own students and those students' guardians first.
 */
export class ListContacts {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly directory: MessagingDirectory,
  ) {}

  async execute(actor: Actor): Promise<Contact[]> {
    const startable = isStaffRoles(actor.roles) ? await this.directory.everyone() : await this.familyContacts(actor);
    const result = new Map<UserId, Contact>();
    for (const person of startable) if (person.id !== actor.userId && !person.archived) result.set(person.id, contact(person, true));
    const shared = new Set<UserId>();
    for (const thread of await this.threads.ofParticipant(actor.userId)) for (const id of thread.participantIds) if (id !== actor.userId && !result.has(id)) shared.add(id);
    for (const person of await this.directory.people([...shared])) result.set(person.id, contact(person, false));
    if (!isStaffRoles(actor.roles)) return [...result.values()].sort(byName);
    // Staff: guardians named with their children; a teacher's own students and their guardians come first.
    const links = await this.directory.guardianLinks();
    for (const { guardianId, studentId } of links) {
      const guardian = result.get(guardianId);
      const child = result.get(studentId);
      if (guardian && child) guardian.children.push(child.name);
    }
    for (const c of result.values()) c.children.sort((a, b) => a.localeCompare(b));
    const teaches = actor.roles.some((r) => r === 'teacher' || r === 'accompanist');
    const own = new Set<UserId>(teaches ? await this.directory.studentsOf(actor.userId) : []);
    for (const { guardianId, studentId } of links) if (own.has(studentId)) own.add(guardianId);
    return [...result.values()].sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)) || byName(a, b));
  }

  /** The family's own people, the school's admins, and the teachers and accompanists of the family's students. */
  private async familyContacts(actor: Actor): Promise<MessagingPerson[]> {
    const children = await this.directory.childrenOf(actor.userId);
    const guardians = await this.directory.guardiansOf(actor.userId);
    const students = actor.roles.includes('student') ? [actor.userId, ...children] : children;
    return [...(await this.directory.staffOf(students)), ...(await this.directory.people([...new Set([...children, ...guardians])]))];
  }
}

const contact = (person: MessagingPerson, canStart: boolean): Contact => ({ id: person.id, name: person.name, roles: [...person.roles], minor: countsAsMinor(person), canStart, children: [] });
const byName = (a: Contact, b: Contact): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
