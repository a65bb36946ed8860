import { integrationEvent, outgoingEvent } from '@cadenza/shared/integration-events';
import { AuditTrail, Clock, DomainError, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { dateInZone } from '../model/profile-fields.js';
import { StudentProfile, STUDENT_PROFILE_FIELDS, type StudentProfilePatch } from '../model/student-profile.js';
import { IdentityEvents, RefreshTokenRepository, SchoolRepository, StudentProfileRepository, UserRepository } from '../ports/index.js';
import { notFound } from './not-found.js';
import { StudentAccessPolicy } from './student-access-policy.js';
import { studentRecord, type StudentRecord } from './student-record.js';

export interface UpdateStudentPatch extends StudentProfilePatch {
  name?: string;
  dateOfBirth?: string | null;
  leftSchoolOn?: string | null;
}

/** What a guardian with `full` access may change; the rest (level, notes, the day they left) is the school's. */
const GUARDIAN_FIELDS: ReadonlySet<keyof UpdateStudentPatch> = new Set(['name', 'dateOfBirth', 'instruments', 'schoolYear', 'emergencyContact']);

/**
 * Admins, and guardians with `full` access, change a student's details: only the fields named, each checked before any
 * is written. A changed date of birth is published (`student.date_of_birth_changed.v1`), as whether they count as a
 * minor may have changed with it, and messaging re-applies its safeguarding rule to their threads.
 */
export class UpdateStudent {
  constructor(
    private readonly users: UserRepository,
    private readonly policy: StudentAccessPolicy,
    private readonly profiles: StudentProfileRepository,
    private readonly schools: SchoolRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: IdentityEvents,
    private readonly tokens: RefreshTokenRepository,
  ) {}

  async execute(actor: Actor, studentId: UserId, patch: UpdateStudentPatch): Promise<StudentRecord> {
    const level = await this.policy.levelFor(actor, studentId);
    if (level === null) {
      throw notFound('The student');
    }
    const admin = hasAnyRole(actor, 'admin');
    if (level !== 'full' && !admin) {
      throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'You can view this student but not change their details.');
    }
    const named = (Object.keys(patch) as (keyof UpdateStudentPatch)[]).filter((field) => patch[field] !== undefined);
    const schoolOnly = admin ? [] : named.filter((field) => !GUARDIAN_FIELDS.has(field));
    if (schoolOnly.length > 0) {
      throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'Only the school changes these details.', {
        fields: schoolOnly.map((field) => ({ field, message: 'Only the school changes this.' })),
      });
    }
    const today = dateInZone(this.clock.now(), (await this.schools.current()).timeZone);
    return this.uow.run(async () => {
      const student = await this.users.byId(studentId);
      if (!student || !student.hasRole('student')) {
        throw notFound('The student');
      }
      const profile = (await this.profiles.byStudent(studentId)) ?? StudentProfile.empty(student.schoolId, student.id);
      const before = student.auditView();
      const dateOfBirthBefore = student.dateOfBirth;
      student.updateProfile({ name: patch.name });
      if (patch.dateOfBirth !== undefined) {
        student.setDateOfBirth(patch.dateOfBirth, today);
      }
      if (patch.leftSchoolOn !== undefined) {
        const wasArchived = student.archived;
        student.setLeftSchoolOn(patch.leftSchoolOn, this.clock.now());
        // A leaving day archives the student, as ArchivePerson does: their sessions end at once.
        if (student.archived && !wasArchived) await this.tokens.revokeAllOfUser(student.id, this.clock.now());
      }
      const profilePatch: StudentProfilePatch = {};
      for (const field of STUDENT_PROFILE_FIELDS) {
        if (patch[field] !== undefined) Object.assign(profilePatch, { [field]: patch[field] });
      }
      profile.change(profilePatch);
      await this.users.update(student);
      if (Object.keys(profilePatch).length > 0) {
        await this.profiles.save(profile);
      }
      if (student.dateOfBirth !== dateOfBirthBefore) {
        await this.events.publish([
          outgoingEvent(actor.schoolId, this.clock.now(), integrationEvent('student.date_of_birth_changed.v1', { actorId: actor.userId, studentId: student.id, dateOfBirth: student.dateOfBirth })),
        ]);
      }
      await this.audit.record({
        schoolId: actor.schoolId,
        actorId: actor.userId,
        action: 'identity.student.updated',
        entityType: 'user',
        entityId: student.id,
        before,
        // The profile's notes stay out of the trail: only which fields changed.
        after: { ...student.auditView(), profileFields: Object.keys(profilePatch).sort() },
      });
      return studentRecord(student, profile, today, { staffNotes: admin, medicalNotes: admin, emergencyContact: true });
    });
  }
}
