import { type SchoolId } from '@cadenza/shared/kernel';
import { StudentProfile } from '../model/student-profile.js';
import { TeacherProfile } from '../model/teacher-profile.js';
import { User } from '../model/user.js';
import type { StudentProfileRepository, TeacherProfileRepository, UserRepository } from '../ports/index.js';

/**
 * The repositories are used as a signed-in user of `schoolId` would; `inOtherSchool` adds people and profiles as the
 * second school's own requests would (the real adapter's foreign keys need both schools and their users).
 */
export interface ProfileContractSubject {
  users: UserRepository;
  students: StudentProfileRepository;
  teachers: TeacherProfileRepository;
  schoolId: SchoolId;
  otherSchoolId: SchoolId;
  inOtherSchool: (user: User, student: StudentProfile, teacher: TeacherProfile) => Promise<void>;
}

const NOW = new Date('2026-11-23T10:00:00Z');

const person = (schoolId: SchoolId, roles: string[], email: string | null = null) =>
  User.create({ schoolId, email, name: 'Someone', roles, timeZone: 'Europe/London', locale: 'en-GB' }, NOW);

/** The contract of the profile repositories, run against the in-memory fakes and the MikroORM adapters. */
export function profileRepositoriesContract(name: string, setup: () => Promise<ProfileContractSubject>): void {
  describe(`StudentProfileRepository and TeacherProfileRepository contract: ${name}`, () => {
    let s: ProfileContractSubject;
    beforeEach(async () => {
      s = await setup();
    });

    it('keeps a student’s profile as saved, replaces it whole, and has none for a student without one', async () => {
      const student = person(s.schoolId, ['student']);
      await s.users.add(student);
      expect(await s.students.byStudent(student.id)).toBeNull();
      const profile = StudentProfile.empty(s.schoolId, student.id);
      profile.change({ instruments: ['Piano', 'Theory'], level: 'Grade 2', schoolYear: 'Year 5', staffNotes: 'Staff only.', medicalNotes: 'Asthma.', emergencyContact: { name: 'Pat', phone: '+44 20 7946 0958', relation: 'Father' } });
      await s.students.save(profile);
      expect((await s.students.byStudent(student.id))?.snapshot()).toEqual(profile.snapshot());
      profile.change({ instruments: [], level: null, medicalNotes: null, emergencyContact: null });
      await s.students.save(profile);
      expect((await s.students.byStudent(student.id))?.snapshot()).toEqual(profile.snapshot());
    });

    it('keeps a teacher’s profile as saved and replaces it whole', async () => {
      const teacher = person(s.schoolId, ['teacher'], `t-${Math.random().toString(36).slice(2, 10)}@example.test`);
      await s.users.add(teacher);
      expect(await s.teachers.byTeacher(teacher.id)).toBeNull();
      const profile = TeacherProfile.empty(s.schoolId, teacher.id);
      profile.change({ instruments: ['Violin'], levels: ['Beginner', 'Grade 8'], bio: 'Plays in the city orchestra.', phone: '020 7946 0000', email: 'Work@Example.test' });
      await s.teachers.save(profile);
      expect((await s.teachers.byTeacher(teacher.id))?.snapshot()).toEqual({ ...profile.snapshot(), email: 'work@example.test' });
      profile.change({ bio: null, phone: null, levels: [] });
      await s.teachers.save(profile);
      expect((await s.teachers.byTeacher(teacher.id))?.snapshot()).toEqual(profile.snapshot());
    });

    it('records several people without an email, and reads none of another school’s profiles', async () => {
      const [a, b] = [person(s.schoolId, ['student']), person(s.schoolId, ['student'])];
      await s.users.add(a);
      await s.users.add(b);
      expect((await s.users.byId(b.id))?.email).toBeNull();
      const theirs = person(s.otherSchoolId, ['student', 'teacher']);
      const theirStudent = StudentProfile.empty(s.otherSchoolId, theirs.id);
      theirStudent.change({ level: 'Grade 8' });
      const theirTeacher = TeacherProfile.empty(s.otherSchoolId, theirs.id);
      theirTeacher.change({ bio: 'Elsewhere.' });
      await s.inOtherSchool(theirs, theirStudent, theirTeacher);
      expect(await s.students.byStudent(theirs.id)).toBeNull();
      expect(await s.teachers.byTeacher(theirs.id)).toBeNull();
    });
  });
}
