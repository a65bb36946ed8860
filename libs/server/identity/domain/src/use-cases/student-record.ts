import type { StudentProfile } from '../model/student-profile.js';
import type { User } from '../model/user.js';

/** Which of a student's profile fields the caller may read (see `GetStudent`). */
export interface StudentFieldsSeen {
  /** Staff: admins, teachers, accompanists. */
  staffNotes: boolean;
  /** The student's own teachers and the admins. */
  medicalNotes: boolean;
  /** The admins, the student's own teachers, the student and their guardians. */
  emergencyContact: boolean;
}

/** A student as a use case answers them: account, profile, minor or not on the school's date, and what the caller may read. */
export interface StudentRecord {
  student: User;
  profile: StudentProfile;
  /** Under 18 on the school's calendar date, by the one rule (`minorOn`). */
  minor: boolean;
  seen: StudentFieldsSeen;
}

export function studentRecord(student: User, profile: StudentProfile, today: string, seen: StudentFieldsSeen): StudentRecord {
  return { student, profile, minor: student.isMinorOn(today), seen };
}
