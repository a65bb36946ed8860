import { copyData, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { labels, optionalText, phoneNumber } from './profile-fields.js';
import { normaliseEmail } from './user.js';

export interface TeacherProfileState {
  userId: UserId;
  schoolId: SchoolId;
  /** Instruments or subjects they teach or accompany. */
  instruments: string[];
  /** The levels they teach: `Beginner`, `Grade 5`, `Diploma`. */
  levels: string[];
  /** Shown to families. */
  bio: string | null;
  /** How the school reaches them at work (not necessarily their sign-in email). */
  phone: string | null;
  email: string | null;
}

export interface TeacherProfilePatch {
  instruments?: readonly string[];
  levels?: readonly string[];
  bio?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** What the school says of a teacher or accompanist: what they teach, a bio for families, a work contact. */
export class TeacherProfile {
  private constructor(private state: TeacherProfileState) {}

  static restore(state: TeacherProfileState): TeacherProfile {
    return new TeacherProfile(copyData(state));
  }

  static empty(schoolId: SchoolId, userId: UserId): TeacherProfile {
    return new TeacherProfile({ userId, schoolId, instruments: [], levels: [], bio: null, phone: null, email: null });
  }

  get userId(): UserId {
    return this.state.userId;
  }

  /** Applies the fields named; checks every one before changing any. */
  change(patch: TeacherProfilePatch): void {
    const next = { ...this.state };
    if (patch.instruments !== undefined) next.instruments = labels(patch.instruments, 'instruments');
    if (patch.levels !== undefined) next.levels = labels(patch.levels, 'levels');
    if (patch.bio !== undefined) next.bio = optionalText(patch.bio, 'bio', 2000);
    if (patch.phone !== undefined) next.phone = patch.phone === null || patch.phone.trim() === '' ? null : phoneNumber(patch.phone, 'phone');
    if (patch.email !== undefined) next.email = patch.email === null || patch.email.trim() === '' ? null : normaliseEmail(patch.email);
    this.state = next;
  }

  snapshot(): TeacherProfileState {
    return copyData(this.state);
  }
}

