import { type Actor, type UserId, Clock } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import type { User } from '../model/user.js';
import { PersonLessons, UserRepository, type UpcomingLesson } from '../ports/index.js';
import { notFound } from './not-found.js';

export interface ArchivePreview {
  person: User;
  /** Their lessons still to come, which the admin may cancel in the same action. */
  lessons: UpcomingLesson[];
}

/** What archiving a person would leave behind: an admin sees their lessons still to come before deciding. */
export class PreviewArchive {
  constructor(
    private readonly users: UserRepository,
    private readonly lessons: PersonLessons,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, personId: UserId): Promise<ArchivePreview> {
    requireRole(actor, 'admin');
    const person = await this.users.byId(personId);
    if (!person) throw notFound('The person');
    return { person, lessons: await this.lessons.upcoming(person.id, this.clock.now()) };
  }
}
