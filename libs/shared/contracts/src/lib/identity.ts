import { z } from 'zod';
import { ACCESS_LEVELS, ROLES, type RoleName } from './constants.js';

export const Role = z.enum(ROLES);
export type Role = RoleName;


const email = z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid email address.' })).pipe(z.string().max(254));
const password = z.string().min(10, 'Use at least 10 characters.').max(200, 'Use at most 200 characters.');
const name = z.string().trim().min(1, 'Enter a name.').max(120);

// ---- sign-in and sessions ------------------------------------------------------

export const LoginRequest = z.strictObject({ email, password: z.string().min(1, 'Enter your password.').max(200) });
export type LoginRequest = z.infer<typeof LoginRequest>;

// Answers are zod schemas too (`z.object`, never strict), so the API's description is made from
// them; their types are what clients read.
const id = z.string().meta({ format: 'uuid' });
const at = z.string().meta({ format: 'date-time' });

export const SchoolSummary = z.object({ id, name: z.string(), slug: z.string(), timeZone: z.string(), currency: z.string(), locale: z.string() }).meta({ id: 'SchoolSummary' });
export type SchoolSummary = z.infer<typeof SchoolSummary>;

export const Me = z
  .object({
    id,
    email: z.string(),
    name: z.string(),
    roles: z.array(Role),
    safeguardingLead: z.boolean(),
    timeZone: z.string(),
    locale: z.string(),
    school: SchoolSummary,
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** Returned by login and refresh. The refresh token travels only in an httpOnly cookie. */
export const Session = z
  .object({
    accessToken: z.string(),
    /** ISO instant when the access token stops being accepted. */
    accessTokenExpiresAt: at,
    me: Me,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;


// ---- invitations and passwords ------------------------------------------------

export const CreateInvitationRequest = z.strictObject({
  email,
  name,
  roles: z.array(Role).min(1, 'Choose at least one role.').max(5),
});
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export const Invitation = z
  .object({ id, email: z.string(), name: z.string(), roles: z.array(Role), expiresAt: at, acceptedAt: at.nullable(), createdAt: at })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const AcceptInvitationRequest = z.strictObject({ token: z.string().min(20).max(200), password });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

/** What accepting an invitation answers: the account's email, to sign in with. */
export const AcceptedInvitation = z.object({ email: z.string() }).meta({ id: 'AcceptedInvitation' });
export type AcceptedInvitation = z.infer<typeof AcceptedInvitation>;

export const PasswordResetRequest = z.strictObject({ email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetConfirm = z.strictObject({ token: z.string().min(20).max(200), password });
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

// ---- school -------------------------------------------------------------------

export const SchoolSettings = SchoolSummary.extend({ idleTimeoutMinutes: z.number().int(), invitationTtlDays: z.number().int() }).meta({ id: 'SchoolSettings' });
export type SchoolSettings = z.infer<typeof SchoolSettings>;

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

export const UserSummary = z
  .object({
    id,
    email: z.string(),
    name: z.string(),
    roles: z.array(Role),
    safeguardingLead: z.boolean(),
    dateOfBirth: z.string().nullable(),
    minor: z.boolean(),
    /**
     * Students: the day they left the school (`YYYY-MM-DD`), or null while they are at it. The server
     * always sends it; optional so that clients building summaries of their own need not invent it.
     */
    leftSchoolOn: z.string().nullable().optional(),
  })
  .meta({ id: 'UserSummary' });
export type UserSummary = z.infer<typeof UserSummary>;


export const Family = z
  .object({
    id,
    name: z.string(),
    guardians: z.array(z.object({ userId: id, name: z.string() })),
    children: z.array(z.object({ userId: id, name: z.string(), minor: z.boolean(), access: z.array(z.object({ guardianId: id, level: z.enum(ACCESS_LEVELS) })) })),
  })
  .meta({ id: 'Family' });
export type Family = z.infer<typeof Family>;

// ---- audit --------------------------------------------------------------------

export const AuditEvent = z
  .object({
    id,
    occurredAt: at,
    actorId: id.nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, or null at the end. */
  next: string | null;
}

/** The schema of a `Page` of the given items. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable().describe('Opaque cursor for the next page, or null at the end.') });
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

export const AuditEventPage = pageOf(AuditEvent).meta({ id: 'AuditEventPage' });

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
export const TeacherSummary = z
  .object({
    id,
    name: z.string(),
    /** Their teaching roles: `teacher`, `accompanist` or both. */
    roles: z.array(Role),
  })
  .meta({ id: 'TeacherSummary' });
export type TeacherSummary = z.infer<typeof TeacherSummary>;

export const UsersQuery = z.strictObject({ role: Role.optional() });
export type UsersQuery = z.infer<typeof UsersQuery>;
export const IdParam = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
export type IdParam = z.infer<typeof IdParam>;
