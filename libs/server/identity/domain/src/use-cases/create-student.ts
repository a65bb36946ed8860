import { AuditTrail, Clock, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireRole } from '../model/actor.js';
import { dateInZone } from '../model/profile-fields.js';
import { StudentProfile, type StudentProfilePatch } from '../model/student-profile.js';
import { User } from '../model/user.js';
import { SchoolRepository, StudentProfileRepository, UserRepository } from '../ports/index.js';
import { studentRecord, type StudentRecord } from './student-record.js';

export interface CreateStudentInput extends StudentProfilePatch {
  name: string;
  /** Required for a new student: whether they are a minor follows from it, in the school's zone. */
  dateOfBirth: string;
}

/**
 * An admin records a student who has no sign-in of their own (most young children: their guardians act for them);
 * the school can invite them later (`InviteStudent`). The account takes the school's time zone and locale.
 */
export class CreateStudent {
  constructor(
    private readonly users: UserRepository,
    private readonly profiles: StudentProfileRepository,
    private readonly schools: SchoolRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreateStudentInput): Promise<StudentRecord> {
    requireRole(actor, 'admin');
    const school = (await this.schools.current()).snapshot();
    const today = dateInZone(this.clock.now(), school.timeZone);
    const student = User.create({ schoolId: actor.schoolId, email: null, name: input.name, roles: ['student'], timeZone: school.timeZone, locale: school.locale }, this.clock.now());
    student.setDateOfBirth(input.dateOfBirth, today);
    const { name: _name, dateOfBirth: _dateOfBirth, ...patch } = input;
    const profile = StudentProfile.empty(actor.schoolId, student.id);
    profile.change(patch);
    await this.uow.run(async () => {
      await this.users.add(student);
      await this.profiles.save(profile);
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'identity.student.created',
        entityType: 'user',
        entityId: student.id,
        // The profile's notes stay out of the trail: only which fields were given.
        after: { ...student.auditView(), profileFields: Object.keys(patch).sort() },
      });
    });
    return studentRecord(student, profile, today, { staffNotes: true, medicalNotes: true, emergencyContact: true });
  }
}
