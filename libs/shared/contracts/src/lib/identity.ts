import { z } from 'zod';
import { ROLES, type AccessLevel, type RoleName } from './constants.js';

export const Role = z.enum(ROLES);
export type Role = RoleName;


const email = z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid email address.' })).pipe(z.string().max(254));
const password = z.string().min(10, 'Use at least 10 characters.').max(200, 'Use at most 200 characters.');
const name = z.string().trim().min(1, 'Enter a name.').max(120);

// ---- sign-in and sessions ------------------------------------------------------

export const LoginRequest = z.strictObject({ email, password: z.string().min(1, 'Enter your password.').max(200) });
export type LoginRequest = z.infer<typeof LoginRequest>;

export interface SchoolSummary {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  currency: string;
  locale: string;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  safeguardingLead: boolean;
  timeZone: string;
  locale: string;
  school: SchoolSummary;
}

/** Returned by login and refresh. The refresh token travels only in an httpOnly cookie. */
export interface Session {
  accessToken: string;
  /** ISO instant when the access token stops being accepted. */
  accessTokenExpiresAt: string;
  me: Me;
}


// ---- invitations and passwords ------------------------------------------------

export const CreateInvitationRequest = z.strictObject({
  email,
  name,
  roles: z.array(Role).min(1, 'Choose at least one role.').max(5),
});
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export interface Invitation {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  expiresAt: string;
  acceptedAt: string | null;
  createdAt: string;
}

export const AcceptInvitationRequest = z.strictObject({ token: z.string().min(20).max(200), password });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

export const PasswordResetRequest = z.strictObject({ email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetConfirm = z.strictObject({ token: z.string().min(20).max(200), password });
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

// ---- school -------------------------------------------------------------------

export interface SchoolSettings extends SchoolSummary {
  idleTimeoutMinutes: number;
  invitationTtlDays: number;
}

export const UpdateSchoolSettingsRequest = z.strictObject({
  name: name.optional(),
  timeZone: z.string().min(1).max(64).optional(),
  currency: z.string().length(3).optional(),
  locale: z.string().min(2).max(35).optional(),
  idleTimeoutMinutes: z.number().int().min(5).max(24 * 60).optional(),
  invitationTtlDays: z.number().int().min(1).max(30).optional(),
});
export type UpdateSchoolSettingsRequest = z.infer<typeof UpdateSchoolSettingsRequest>;

// ---- users and families --------------------------------------------------------

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  safeguardingLead: boolean;
  dateOfBirth: string | null;
  minor: boolean;
  /**
   * Students: the day they left the school (`YYYY-MM-DD`), or null while they are at it. The server
   * always sends it; optional so that clients building summaries of their own need not invent it.
   */
  leftSchoolOn?: string | null;
}


export interface Family {
  id: string;
  name: string;
  guardians: { userId: string; name: string }[];
  children: { userId: string; name: string; minor: boolean; access: { guardianId: string; level: AccessLevel }[] }[];
}

// ---- audit --------------------------------------------------------------------

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, or null at the end. */
  next: string | null;
}

export const AuditEventsQuery = z.strictObject({
  action: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditEventsQuery = z.infer<typeof AuditEventsQuery>;

export const UpdateMeRequest = z.strictObject({
  name: name.optional(),
  timeZone: z.string().min(1).max(64).optional(),
  locale: z.string().min(2).max(35).optional(),
});
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

export const UpdateStudentRequest = z.strictObject({
  name: name.optional(),
  dateOfBirth: z.iso.date().nullable().optional(),
  /** Admins only: the day the student left the school, or null to say they are back. */
  leftSchoolOn: z.iso.date({ message: 'Enter a date as YYYY-MM-DD.' }).nullable().optional(),
});
export type UpdateStudentRequest = z.infer<typeof UpdateStudentRequest>;

/** `GET /teachers`: someone who teaches at the school, as everyone in it may see them (no contact details). */
export interface TeacherSummary {
  id: string;
  name: string;
  /** Their teaching roles: `teacher`, `accompanist` or both. */
  roles: Role[];
}

export const UsersQuery = z.strictObject({ role: Role.optional() });
export type UsersQuery = z.infer<typeof UsersQuery>;
export const IdParam = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
export type IdParam = z.infer<typeof IdParam>;
