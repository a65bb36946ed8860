import { Clock, type UserId, type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { dateInZone } from '../model/profile-fields.js';
import { StudentProfile } from '../model/student-profile.js';
import { SchoolRepository, StudentProfileRepository, TeachingRelations, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';
import { StudentAccessPolicy } from './student-access-policy.js';
import { studentRecord, type StudentFieldsSeen, type StudentRecord } from './student-record.js';

/**
 * A student's account and profile, as far as the caller may read it: staff see the staff notes; the student's own
 * teachers (a lesson together, see `TeachingRelations`) and the admins the medical notes; those teachers, the admins,
 * the student and their guardians the emergency contact. Anyone else is told the student is not there.
 */
export class GetStudent {
  constructor(
    private readonly users: UserRepository,
    private readonly policy: StudentAccessPolicy,
    private readonly profiles: StudentProfileRepository,
    private readonly schools: SchoolRepository,
    private readonly teaching: TeachingRelations,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, studentId: UserId): Promise<StudentRecord> {
    const level = await this.policy.levelFor(actor, studentId);
    const student = level ? await this.users.byId(studentId) : null;
    if (!student || !student.hasRole('student')) {
      throw notFound('The student');
    }
    const profile = (await this.profiles.byStudent(studentId)) ?? StudentProfile.empty(student.schoolId, student.id);
    const today = dateInZone(this.clock.now(), (await this.schools.current()).timeZone);
    return studentRecord(student, profile, today, await this.seen(actor, studentId, level));
  }

  private async seen(actor: Actor, studentId: UserId, level: Awaited<ReturnType<StudentAccessPolicy['levelFor']>>): Promise<StudentFieldsSeen> {
    if (hasAnyRole(actor, 'admin')) {
      return { staffNotes: true, medicalNotes: true, emergencyContact: true };
    }
    if (level === 'staff') {
      const ownTeacher = await this.teaching.teaches(actor.userId, studentId);
      return { staffNotes: true, medicalNotes: ownTeacher, emergencyContact: ownTeacher };
    }
    return { staffNotes: false, medicalNotes: false, emergencyContact: true };
  }
}
