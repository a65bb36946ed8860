import { copyData, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { labels, optionalText, phoneNumber, requiredText } from './profile-fields.js';

export interface EmergencyContact {
  name: string;
  phone: string;
  /** How they are related to the student: `Mother`, `Neighbour`. */
  relation: string;
}

export interface StudentProfileState {
  userId: UserId;
  schoolId: SchoolId;
  /** Instruments or subjects they learn. */
  instruments: string[];
  level: string | null;
  /** Their year at (day) school, as the school writes it: `Year 7`, `Grade 4`. */
  schoolYear: string | null;
  /** Seen by staff only (admins, teachers, accompanists). */
  staffNotes: string | null;
  /** Medical or access needs: seen by the student's own teachers and the admins only. */
  medicalNotes: string | null;
  emergencyContact: EmergencyContact | null;
}

/** What a change may name; a field left out stays as it was, null clears it. */
export interface StudentProfilePatch {
  instruments?: readonly string[];
  level?: string | null;
  schoolYear?: string | null;
  staffNotes?: string | null;
  medicalNotes?: string | null;
  emergencyContact?: EmergencyContact | null;
}

export const STUDENT_PROFILE_FIELDS = ['instruments', 'level', 'schoolYear', 'staffNotes', 'medicalNotes', 'emergencyContact'] as const satisfies readonly (keyof StudentProfilePatch)[];

/** What a school knows of a student beyond their account: what they learn, notes, whom to call. One per student. */
export class StudentProfile {
  private constructor(private state: StudentProfileState) {}

  static restore(state: StudentProfileState): StudentProfile {
    return new StudentProfile(copyData(state));
  }

  /** An empty profile: a student recorded before profiles existed has this one. */
  static empty(schoolId: SchoolId, userId: UserId): StudentProfile {
    return new StudentProfile({ userId, schoolId, instruments: [], level: null, schoolYear: null, staffNotes: null, medicalNotes: null, emergencyContact: null });
  }

  get userId(): UserId {
    return this.state.userId;
  }

  /** Applies the fields named; checks every one before changing any. */
  change(patch: StudentProfilePatch): void {
    const next = { ...this.state };
    if (patch.instruments !== undefined) next.instruments = labels(patch.instruments, 'instruments');
    if (patch.level !== undefined) next.level = optionalText(patch.level, 'level', 60);
    if (patch.schoolYear !== undefined) next.schoolYear = optionalText(patch.schoolYear, 'schoolYear', 40);
    if (patch.staffNotes !== undefined) next.staffNotes = optionalText(patch.staffNotes, 'staffNotes', 4000);
    if (patch.medicalNotes !== undefined) next.medicalNotes = optionalText(patch.medicalNotes, 'medicalNotes', 4000);
    if (patch.emergencyContact !== undefined) {
      const contact = patch.emergencyContact;
      next.emergencyContact = contact && {
        name: requiredText(contact.name, 'emergencyContact.name', 120, 'a name'),
        phone: phoneNumber(contact.phone, 'emergencyContact.phone'),
        relation: requiredText(contact.relation, 'emergencyContact.relation', 60, 'how they are related'),
      };
    }
    this.state = next;
  }

  snapshot(): StudentProfileState {
    return copyData(this.state);
  }
}
