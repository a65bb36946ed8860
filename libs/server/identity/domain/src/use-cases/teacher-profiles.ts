import { AuditTrail, DomainError, UnitOfWork, type Actor, type UserId } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { TeacherProfile, type TeacherProfilePatch } from '../model/teacher-profile.js';
import type { User } from '../model/user.js';
import { TeacherProfileRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';

/** A teacher or accompanist with their profile; `contactSeen` says whether the caller reads their phone and email. */
export interface TeacherRecord {
  teacher: User;
  profile: TeacherProfile;
  contactSeen: boolean;
}

const teaches = (user: User | null): user is User => !!user && (user.hasRole('teacher') || user.hasRole('accompanist'));

/** Staff and the teacher themself read the work contact; families read the rest (what they teach, the bio). */
const seesContact = (actor: Actor, teacherId: UserId) => actor.userId === teacherId || hasAnyRole(actor, 'admin', 'teacher', 'accompanist');

/** Anyone in the school reads a teacher's or accompanist's profile: what they teach, the levels, the bio. */
export class GetTeacher {
  constructor(
    private readonly users: UserRepository,
    private readonly profiles: TeacherProfileRepository,
  ) {}

  async execute(actor: Actor, teacherId: UserId): Promise<TeacherRecord> {
    const teacher = await this.users.byId(teacherId);
    if (!teaches(teacher)) throw notFound('The teacher');
    const profile = (await this.profiles.byTeacher(teacherId)) ?? TeacherProfile.empty(teacher.schoolId, teacher.id);
    return { teacher, profile, contactSeen: seesContact(actor, teacherId) };
  }
}

/** Admins change any teacher's or accompanist's profile, and they their own: only the fields given. */
export class UpdateTeacherProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly profiles: TeacherProfileRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, teacherId: UserId, patch: TeacherProfilePatch): Promise<TeacherRecord> {
    if (!hasAnyRole(actor, 'admin') && actor.userId !== teacherId) {
      throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'Only the school or the teacher themself changes this profile.');
    }
    return this.uow.run(async () => {
      const teacher = await this.users.byId(teacherId);
      if (!teaches(teacher)) throw notFound('The teacher');
      const profile = (await this.profiles.byTeacher(teacherId)) ?? TeacherProfile.empty(teacher.schoolId, teacher.id);
      profile.change(patch);
      await this.profiles.save(profile);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'identity.teacher_profile.updated',
        entityType: 'user',
        entityId: teacherId,
        after: { profileFields: Object.keys(patch).filter((k) => patch[k as keyof TeacherProfilePatch] !== undefined).sort() },
      });
      return { teacher, profile, contactSeen: true };
    });
  }
}
