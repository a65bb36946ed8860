import { DomainError, isLocale, isTimeZone, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { calendarDate } from './profile-fields.js';
import { assertRoles, type Role } from './roles.js';

export interface UserState {
  id: UserId;
  schoolId: SchoolId;
  /** Stored lower-cased: unique case-insensitively. Null for someone without a sign-in of their own (a young student). */
  email: string | null;
  name: string;
  roles: Role[];
  safeguardingLead: boolean;
  timeZone: string;
  locale: string;
  /** A calendar date, `YYYY-MM-DD`, for students. */
  dateOfBirth: string | null;
  /** A calendar date, `YYYY-MM-DD`: the day a student left the school (null while they are at it). */
  leftSchoolOn: string | null;
  passwordHash: string | null;
  emailVerifiedAt: Date | null;
  createdAt: Date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The day `years` before a `YYYY-MM-DD` day (29 February falls back to the 28th). */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const shifted = new Date(Date.UTC(y - years, m - 1, d));
  if (shifted.getUTCMonth() !== m - 1) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

/** The last day of birth of an adult on the school's calendar day `today`: anyone born after it is under 18. */
export function adultsBornBy(today: string): string {
  return yearsBefore(today, 18);
}

/**
 * The one rule for `minor`, which every path uses: under 18 on the school's calendar day `today` (`YYYY-MM-DD` in the
 * school's time zone; the eighteenth birthday counts from its start there, 29 February's on 1 March). Without a date
 * of birth, a student counts as a minor (a new student cannot be recorded without one) and anyone else as an adult.
 */
export function minorOn(person: { dateOfBirth: string | null; roles: readonly string[] }, today: string): boolean {
  return person.dateOfBirth === null ? person.roles.includes('student') : person.dateOfBirth > adultsBornBy(today);
}

export function normaliseEmail(email: string): string {
  const normal = email.trim().toLowerCase();
  if (!EMAIL.test(normal) || normal.length > 254) {
    throw DomainError.invalid('IDENTITY.INVALID_EMAIL', 'email', 'Enter a valid email address.');
  }
  return normal;
}

/** `date` must be a real calendar date no later than `today` (both `YYYY-MM-DD`). */
function assertPastDate(date: string, today: string, field: string): void {
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = parsed ? Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3])) : Number.NaN;
  if (!parsed || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date || date > today) {
    throw DomainError.invalid('IDENTITY.INVALID_LEAVING_DATE', field, 'Enter the day they left, today or earlier, as YYYY-MM-DD.');
  }
}

export class User {
  private constructor(private state: UserState) {}

  static restore(state: UserState): User {
    return new User({ ...state, leftSchoolOn: state.leftSchoolOn ?? null, roles: [...state.roles] });
  }

  static create(
    input: {
      schoolId: SchoolId;
      /** Left out for someone who does not sign in (a young student): they can be invited later. */
      email?: string | null;
      name: string;
      roles: string[];
      timeZone: string;
      locale: string;
      safeguardingLead?: boolean;
      dateOfBirth?: string | null;
    },
    now: Date,
  ): User {
    assertRoles(input.roles);
    const user = new User({
      id: newId<UserId>(),
      schoolId: input.schoolId,
      email: input.email == null ? null : normaliseEmail(input.email),
      name: '',
      roles: [...new Set(input.roles)],
      safeguardingLead: false,
      timeZone: 'UTC',
      locale: 'en-GB',
      dateOfBirth: null,
      leftSchoolOn: null,
      passwordHash: null,
      emailVerifiedAt: null,
      createdAt: now,
    });
    user.updateProfile({ name: input.name, timeZone: input.timeZone, locale: input.locale });
    if (input.dateOfBirth) {
      user.setDateOfBirth(input.dateOfBirth, now);
    }
    if (input.safeguardingLead) {
      user.setSafeguardingLead(true);
    }
    return user;
  }

  get id(): UserId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get email(): string | null {
    return this.state.email;
  }
  /** Whether they can sign in: a password was set (through an invitation, a reset or by the school's tools). */
  get signsIn(): boolean {
    return this.state.passwordHash !== null;
  }
  get name(): string {
    return this.state.name;
  }
  get roles(): readonly Role[] {
    return this.state.roles;
  }
  get passwordHash(): string | null {
    return this.state.passwordHash;
  }
  get dateOfBirth(): string | null {
    return this.state.dateOfBirth;
  }
  get leftSchoolOn(): string | null {
    return this.state.leftSchoolOn;
  }

  /** Archived: they left the school (any role). They cannot sign in and drop out of pickers; their history stays. */
  get archived(): boolean {
    return this.state.leftSchoolOn !== null;
  }

  /** Under 18 on the school's calendar day `today` (`YYYY-MM-DD`, in its zone), by the one rule (`minorOn`). */
  isMinorOn(today: string): boolean {
    return minorOn(this.state, today);
  }

  /**
   * Gives someone without a sign-in (a student the school recorded) their own: the email of the invitation they
   * accepted, verified by its link, and their password.
   */
  attachSignIn(email: string, passwordHash: string, now: Date): void {
    if (this.signsIn) {
      throw new DomainError('IDENTITY.ALREADY_SIGNS_IN', 'conflict', 'This person already has a sign-in of their own.');
    }
    this.state.email = normaliseEmail(email);
    this.setPassword(passwordHash, now, true);
  }

  /** Replaces the roles (admins only, checked by the use case); the lead flag goes with the admin role. */
  setRoles(roles: readonly string[]): void {
    assertRoles(roles);
    this.state.roles = [...new Set(roles)];
    if (!this.state.roles.includes('admin')) this.state.safeguardingLead = false;
  }

  hasRole(role: Role): boolean {
    return this.state.roles.includes(role);
  }

  updateProfile(patch: { name?: string; timeZone?: string; locale?: string }): void {
    if (patch.name !== undefined) {
      const name = patch.name.trim();
      if (name.length === 0 || name.length > 120) {
        throw DomainError.invalid('IDENTITY.INVALID_NAME', 'name', 'Enter a name of 1 to 120 characters.');
      }
      this.state.name = name;
    }
    if (patch.timeZone !== undefined) {
      if (!isTimeZone(patch.timeZone)) {
        throw DomainError.invalid('IDENTITY.INVALID_TIME_ZONE', 'timeZone', `"${patch.timeZone}" is not an IANA time zone.`);
      }
      this.state.timeZone = patch.timeZone;
    }
    if (patch.locale !== undefined) {
      if (!isLocale(patch.locale)) {
        throw DomainError.invalid('IDENTITY.INVALID_LOCALE', 'locale', `"${patch.locale}" is not a locale tag.`);
      }
      this.state.locale = patch.locale;
    }
  }

  /**
   * Records (or with null, forgets) the date of birth. `today` is the school's calendar date (`YYYY-MM-DD`), or an
   * instant read as a UTC date; a date after it is refused.
   */
  setDateOfBirth(date: string | null, today: Date | string): void {
    if (date !== null) {
      const time = calendarDate(date);
      const todayDate = typeof today === 'string' ? today : today.toISOString().slice(0, 10);
      if (time === null || date > todayDate) {
        throw DomainError.invalid('IDENTITY.INVALID_DATE_OF_BIRTH', 'dateOfBirth', 'Enter a past date as YYYY-MM-DD.');
      }
    }
    this.state.dateOfBirth = date;
  }

  /**
   * Records the day a student left the school (or, with null, that they are back). Their account and
   * history stay; messaging's retention period counts from this day.
   */
  setLeftSchoolOn(date: string | null, today: Date): void {
    if (date !== null) {
      if (!this.hasRole('student')) throw DomainError.invalid('IDENTITY.NOT_A_STUDENT', 'leftSchoolOn', 'Only a student leaves the school this way.');
      const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      const time = parsed ? Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3])) : Number.NaN;
      if (!parsed || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date || time > today.getTime()) {
        throw DomainError.invalid('IDENTITY.INVALID_LEAVING_DATE', 'leftSchoolOn', 'Enter the day they left, today or earlier, as YYYY-MM-DD.');
      }
    }
    this.state.leftSchoolOn = date;
  }

  /**
   * Archives the person: they left on `leftOn` (`YYYY-MM-DD`, no later than `today`, the school's calendar day),
   * the day messaging's retention counts from. Anyone may leave, whatever their roles.
   */
  archive(leftOn: string, today: string): void {
    if (this.archived) {
      throw new DomainError('IDENTITY.ALREADY_ARCHIVED', 'conflict', 'This person is already archived.');
    }
    assertPastDate(leftOn, today, 'leftOn');
    this.state.leftSchoolOn = leftOn;
  }

  /** Brings an archived person back: they can sign in again and appear in pickers. */
  restoreFromArchive(): void {
    if (!this.archived) {
      throw new DomainError('IDENTITY.NOT_ARCHIVED', 'conflict', 'This person is not archived.');
    }
    this.state.leftSchoolOn = null;
  }

  /** Adds a role they do not have yet (someone linked as a guardian becomes a parent too). */
  addRole(role: Role): void {
    if (!this.state.roles.includes(role)) this.state.roles = [...this.state.roles, role];
  }

  setSafeguardingLead(lead: boolean): void {
    if (lead && !this.hasRole('admin')) {
      throw DomainError.invalid('IDENTITY.LEAD_MUST_BE_ADMIN', 'safeguardingLead', 'Only an admin can be the safeguarding lead.');
    }
    this.state.safeguardingLead = lead;
  }

  setPassword(hash: string, now: Date, verifiesEmail: boolean): void {
    this.state.passwordHash = hash;
    if (verifiesEmail && !this.state.emailVerifiedAt) {
      this.state.emailVerifiedAt = now;
    }
  }

  snapshot(): UserState {
    return { ...this.state, roles: [...this.state.roles] };
  }

  /** What the audit trail may keep of a user: no hash. */
  auditView(): Record<string, unknown> {
    const { passwordHash: _hash, ...rest } = this.snapshot();
    return { ...rest, hasPassword: _hash !== null };
  }
}
