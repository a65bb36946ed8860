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

export const SchoolSummary = z.object({ id, name: z.string(), slug: z.string(), timeZone: z.string(), currency: z.string(), locale: z.string() }).meta({ id: 'SchoolSummary', example: { id: '3f2c1a9e-5b7d-4c21-9e0f-6a8b7c5d4e31', name: 'Riverside Music School', slug: 'riverside', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' } });
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
  .meta({ id: 'Me', example: { id: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', email: 'teacher@riverside.example', name: 'Ana Teacher', roles: ['teacher'], safeguardingLead: false, timeZone: 'Europe/London', locale: 'en-GB', school: { id: '3f2c1a9e-5b7d-4c21-9e0f-6a8b7c5d4e31', name: 'Riverside Music School', slug: 'riverside', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' } } });
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
  .meta({ id: 'Invitation', example: { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', email: 'new.teacher@riverside.example', name: 'Ben Newcomer', roles: ['teacher'], expiresAt: '2026-09-22T09:00:00.000Z', acceptedAt: null, createdAt: '2026-09-15T09:00:00.000Z' } });
export type Invitation = z.infer<typeof Invitation>;

/** `POST /invitations/imported`: invite the people an import created (the run id its commit was sent with). */
export const InviteImportedRequest = z.strictObject({ runId: z.uuid({ message: 'Must be a UUID.' }) });
export type InviteImportedRequest = z.infer<typeof InviteImportedRequest>;

/** What inviting an import's people did: sent now, already open, not invitable, and held back by the limit (press again after `retryAfterSeconds`). */
export const ImportInvitations = z
  .object({
    people: z.number().int(),
    sent: z.number().int(),
    alreadyInvited: z.number().int(),
    notInvitable: z.number().int(),
    waiting: z.number().int(),
    retryAfterSeconds: z.number().int().nullable(),
  })
  .meta({ id: 'ImportInvitations', example: { people: 120, sent: 30, alreadyInvited: 0, notInvitable: 4, waiting: 86, retryAfterSeconds: 20 } });
export type ImportInvitations = z.infer<typeof ImportInvitations>;

export const AcceptInvitationRequest = z.strictObject({ token: z.string().min(20).max(200), password });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

/** What accepting an invitation answers: the account's email, to sign in with. */
export const AcceptedInvitation = z.object({ email: z.string() }).meta({ id: 'AcceptedInvitation', example: { email: 'new.teacher@riverside.example' } });
export type AcceptedInvitation = z.infer<typeof AcceptedInvitation>;

export const PasswordResetRequest = z.strictObject({ email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetConfirm = z.strictObject({ token: z.string().min(20).max(200), password });
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

// ---- school -------------------------------------------------------------------

export const SchoolSettings = SchoolSummary.extend({ idleTimeoutMinutes: z.number().int(), invitationTtlDays: z.number().int() }).meta({ id: 'SchoolSettings', example: { id: '3f2c1a9e-5b7d-4c21-9e0f-6a8b7c5d4e31', name: 'Riverside Music School', slug: 'riverside', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB', idleTimeoutMinutes: 120, invitationTtlDays: 7 } });
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
    /** Null for someone without a sign-in of their own (a student the school recorded; they can be invited later). */
    email: z.string().nullable(),
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
    /** Archived (they left the school, whatever their roles): `leftSchoolOn` is the day. The server always sends it. */
    archived: z.boolean().optional(),
  })
  .meta({ id: 'UserSummary', example: { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', email: 'sam@family.example', name: 'Sam Student', roles: ['student'], safeguardingLead: false, dateOfBirth: '2014-03-02', minor: true, leftSchoolOn: null, archived: false } });
export type UserSummary = z.infer<typeof UserSummary>;


/**
 * A family: its guardians and children (siblings are the children of one family), each guardian's access per child, and
 * the guardian who pays. `signsIn` says whether someone has a sign-in of their own (a young child may not); `archived`
 * whether they left. Both are always sent; optional so clients building families of their own need not invent them.
 */
export const Family = z
  .object({
    id,
    name: z.string(),
    guardians: z.array(z.object({ userId: id, name: z.string(), signsIn: z.boolean().optional(), archived: z.boolean().optional() })),
    children: z.array(
      z.object({
        userId: id,
        name: z.string(),
        minor: z.boolean(),
        access: z.array(z.object({ guardianId: id, level: z.enum(ACCESS_LEVELS) })),
        signsIn: z.boolean().optional(),
        archived: z.boolean().optional(),
      }),
    ),
    /** The guardian who pays the family's invoices, or null while none is chosen. */
    payerId: id.nullable().optional(),
  })
  .meta({
    id: 'Family',
    example: {
      id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
      name: 'The Parkers',
      guardians: [{ userId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', name: 'Pat Parker', signsIn: true, archived: false }],
      children: [{ userId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', name: 'Sam Parker', minor: true, access: [{ guardianId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', level: 'full' }], signsIn: false, archived: false }],
      payerId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    },
  });
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
  .meta({ id: 'AuditEvent', example: { id: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f', occurredAt: '2026-09-15T09:00:00.000Z', actorId: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', action: 'scheduling.lesson.booked', entityType: 'lesson', entityId: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', ip: '203.0.113.7', userAgent: 'Mozilla/5.0', before: null, after: { start: '2026-09-15T15:00:00.000Z' } } });
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

/** `POST /me/password`: the current password, and the new one under the same rule as a reset or an invitation. */
export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password.').max(200),
  newPassword: password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

const date = z.iso.date({ message: 'Enter a date as YYYY-MM-DD.' });
const optionalText = (max: number) => z.string().max(max, `Use at most ${max} characters.`).nullable().optional();

/** A student's emergency contact: whom to call, their number as people write it, how they are related. */
export const EmergencyContact = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name.').max(120),
  phone: z.string().trim().min(1, 'Enter a phone number.').max(30, 'Use at most 30 characters.'),
  relation: z.string().trim().min(1, 'Say how they are related.').max(60),
});
export type EmergencyContact = z.infer<typeof EmergencyContact>;

/** A student's profile beyond their account; in a change, a field left out stays as it was and null clears it. */
const studentProfileFields = {
  /** Instruments or subjects they learn. */
  instruments: z.array(z.string().max(60, 'Use at most 60 characters.')).max(20, 'List at most 20.').optional(),
  level: optionalText(60),
  /** Their year at (day) school, as the school writes it: `Year 7`. */
  schoolYear: optionalText(40),
  /** Seen by staff only. */
  staffNotes: optionalText(4000),
  /** Medical or access needs: seen by the student's own teachers and the admins only. */
  medicalNotes: optionalText(4000),
  emergencyContact: EmergencyContact.nullable().optional(),
};

/** `POST /students`: a student recorded by the school, without a sign-in of their own; the date of birth is required. */
export const CreateStudentRequest = z.strictObject({
  name,
  dateOfBirth: z.iso.date({ message: 'Enter the date of birth as YYYY-MM-DD.' }),
  ...studentProfileFields,
});
export type CreateStudentRequest = z.infer<typeof CreateStudentRequest>;

/** `PATCH /students/{id}`: only the fields given change. Guardians with full access change the name, date of birth, instruments, school year and emergency contact. */
export const UpdateStudentRequest = z.strictObject({
  name: name.optional(),
  dateOfBirth: date.nullable().optional(),
  /** Admins only: the day the student left the school, or null to say they are back. */
  leftSchoolOn: date.nullable().optional(),
  ...studentProfileFields,
});
export type UpdateStudentRequest = z.infer<typeof UpdateStudentRequest>;

/** `POST /students/{id}/invitation`: the address the invitation goes to; it becomes the student's sign-in. */
export const InviteStudentRequest = z.strictObject({ email });
export type InviteStudentRequest = z.infer<typeof InviteStudentRequest>;

const exampleStudent = {
  id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  email: null,
  name: 'Sam Student',
  roles: ['student' as const],
  safeguardingLead: false,
  dateOfBirth: '2016-03-02',
  minor: true,
  leftSchoolOn: null,
  archived: false,
  signsIn: false,
  instruments: ['Piano'],
  level: 'Grade 2',
  schoolYear: 'Year 5',
  staffNotes: 'Prefers morning lessons.',
  medicalNotes: 'Asthma: inhaler in the blue bag.',
  emergencyContact: { name: 'Pat Parker', phone: '+44 20 7946 0958', relation: 'Mother' },
};

/**
 * `GET /students/{id}`: a student's account and profile. The notes and the emergency contact are present only for
 * those who may read them: staff notes for staff; medical notes for the student's own teachers and the admins; the
 * emergency contact for those teachers, the admins, the student and their guardians.
 */
export const Student = UserSummary.extend({
  /** Whether they can sign in themselves; a student recorded by the school cannot until invited. */
  signsIn: z.boolean(),
  instruments: z.array(z.string()),
  level: z.string().nullable(),
  schoolYear: z.string().nullable(),
  staffNotes: z.string().nullable().optional(),
  medicalNotes: z.string().nullable().optional(),
  emergencyContact: z.object({ name: z.string(), phone: z.string(), relation: z.string() }).nullable().optional(),
}).meta({ id: 'Student', example: exampleStudent });
export type Student = z.infer<typeof Student>;

/** `GET /teachers`: someone who teaches at the school, as everyone in it may see them (no contact details). */
export const TeacherSummary = z
  .object({
    id,
    name: z.string(),
    /** Their teaching roles: `teacher`, `accompanist` or both. */
    roles: z.array(Role),
  })
  .meta({ id: 'TeacherSummary', example: { id: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', name: 'Ana Teacher', roles: ['teacher'] } });
export type TeacherSummary = z.infer<typeof TeacherSummary>;

/** Whom a list of people holds: those at the school (the default), those archived (they left), or all (as `GET /people`'s `status`). */
const listStatus = z.enum(['active', 'archived', 'all']);

/** `PATCH /teachers/{id}`: only the fields given change; null clears one. */
export const UpdateTeacherProfileRequest = z.strictObject({
  instruments: z.array(z.string().max(60, 'Use at most 60 characters.')).max(20, 'List at most 20.').optional(),
  levels: z.array(z.string().max(60, 'Use at most 60 characters.')).max(20, 'List at most 20.').optional(),
  /** Shown to families. */
  bio: optionalText(2000),
  phone: z.string().max(30, 'Use at most 30 characters.').nullable().optional(),
  email: z.string().max(254).nullable().optional(),
});
export type UpdateTeacherProfileRequest = z.infer<typeof UpdateTeacherProfileRequest>;

/** `GET /teachers/{id}`: what a teacher or accompanist teaches and their bio, for everyone in the school; the work contact (`phone`, `email`) only for staff and the teacher. */
export const TeacherProfile = TeacherSummary.extend({
  instruments: z.array(z.string()),
  levels: z.array(z.string()),
  bio: z.string().nullable(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
}).meta({ id: 'TeacherProfile', example: { id: '8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d', name: 'Ana Teacher', roles: ['teacher'], instruments: ['Violin'], levels: ['Beginner', 'Grade 8'], bio: 'Leads the city youth orchestra.', phone: '+44 20 7946 0001', email: 'ana.work@riverside.example' } });
export type TeacherProfile = z.infer<typeof TeacherProfile>;

export const UsersQuery = z.strictObject({ role: Role.optional(), status: listStatus.optional() });
export type UsersQuery = z.infer<typeof UsersQuery>;
export const IdParam = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }) });
export type IdParam = z.infer<typeof IdParam>;

/** `GET /students`: admins may ask for the archived students, or all; everyone else gets those at the school. */
export const StudentsQuery = z.strictObject({ status: listStatus.optional() });
export type StudentsQuery = z.infer<typeof StudentsQuery>;

// ---- leaving and returning -----------------------------------------------------

/** `POST /users/{id}/archive`: they left. */
export const ArchivePersonRequest = z.strictObject({
  /** The day they left, today or earlier; today in the school's time zone when left out. */
  leftOn: z.iso.date({ message: 'Enter a date as YYYY-MM-DD.' }).optional(),
  /** Cancel their lessons still to come (listed by the preview) in the same action. */
  cancelFutureLessons: z.boolean().optional(),
  /** Why, for the cancellation notices. */
  reason: z.string().trim().max(500).optional(),
});
export type ArchivePersonRequest = z.infer<typeof ArchivePersonRequest>;

// ---- roles ---------------------------------------------------------------------

/** The roles an admin gives or takes away (a student is one by their record). */
export const AssignableRole = z.enum(['admin', 'teacher', 'accompanist', 'parent']);
export type AssignableRole = z.infer<typeof AssignableRole>;

/** `PUT /users/{id}/roles`: the assignable roles the person holds from now on; their student role stays as it is. */
export const ChangeRolesRequest = z.strictObject({ roles: z.array(AssignableRole).max(4) });
export type ChangeRolesRequest = z.infer<typeof ChangeRolesRequest>;

/** `GET /users/{id}/archive-preview`: whom archiving concerns and their lessons still to come. */
export const ArchivePreview = z
  .object({
    person: UserSummary,
    lessons: z.array(
      z.object({
        id,
        start: at,
        end: at,
        role: z.enum(['teacher', 'accompanist', 'student']),
        /** Other students in it: cancelling a group lesson cancels it for them too. */
        otherStudents: z.number().int(),
      }),
    ),
  })
  .meta({
    id: 'ArchivePreview',
    example: {
      person: { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', email: 'sam@family.example', name: 'Sam Student', roles: ['student'], safeguardingLead: false, dateOfBirth: '2014-03-02', minor: true, leftSchoolOn: null, archived: false },
      lessons: [{ id: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', start: '2026-09-15T15:00:00.000Z', end: '2026-09-15T15:30:00.000Z', role: 'student', otherStudents: 0 }],
    },
  });
export type ArchivePreview = z.infer<typeof ArchivePreview>;

// ---- families (admins change them) ---------------------------------------------

const familyName = z.string().trim().min(1, 'Enter a family name.').max(120, 'Use at most 120 characters.');
const accessLevel = z.enum(ACCESS_LEVELS, { message: 'Choose view or full.' });
const accessChange = z.enum([...ACCESS_LEVELS, 'none'], { message: 'Choose view, full or none.' });

export const CreateFamilyRequest = z.strictObject({ name: familyName });
export type CreateFamilyRequest = z.infer<typeof CreateFamilyRequest>;

export const UpdateFamilyRequest = z.strictObject({
  name: familyName.optional(),
  /** One of the family's guardians, or null: nobody chosen. */
  payerId: z.uuid({ message: 'Must be a UUID.' }).nullable().optional(),
});
export type UpdateFamilyRequest = z.infer<typeof UpdateFamilyRequest>;

/** `POST /families/{id}/guardians`: someone of the school becomes a guardian, with `level` for every child but where `access` says otherwise. */
export const AddGuardianRequest = z.strictObject({
  userId: z.uuid({ message: 'Must be a UUID.' }),
  level: accessLevel.default('full'),
  access: z.array(z.strictObject({ childId: z.uuid({ message: 'Must be a UUID.' }), level: accessChange })).max(50).optional(),
});
export type AddGuardianRequest = z.infer<typeof AddGuardianRequest>;

/** `POST /families/{id}/guardian-invitations`: someone not yet at the school becomes a guardian, invited by email. */
export const InviteGuardianRequest = z.strictObject({
  name,
  email,
  level: accessLevel.default('full'),
  access: z.array(z.strictObject({ childId: z.uuid({ message: 'Must be a UUID.' }), level: accessChange })).max(50).optional(),
});
export type InviteGuardianRequest = z.infer<typeof InviteGuardianRequest>;

/** `PATCH /families/{id}/guardians/{guardianId}`: their access per child (`none` takes it away). */
export const ChangeGuardianAccessRequest = z.strictObject({
  access: z.array(z.strictObject({ childId: z.uuid({ message: 'Must be a UUID.' }), level: accessChange })).min(1, 'Give the access to change.').max(50),
});
export type ChangeGuardianAccessRequest = z.infer<typeof ChangeGuardianAccessRequest>;

const joiningAccess = z.array(z.strictObject({ guardianId: z.uuid({ message: 'Must be a UUID.' }), level: accessChange })).max(50).optional();

/** `POST /families/{id}/children`: a student joins; every guardian gets `full` access to them unless `access` says otherwise. */
export const AddChildRequest = z.strictObject({ childId: z.uuid({ message: 'Must be a UUID.' }), access: joiningAccess });
export type AddChildRequest = z.infer<typeof AddChildRequest>;

/** `POST /families/{id}/children/{childId}/move`: to another family, whose guardians get `full` access unless `access` says otherwise. */
export const MoveChildRequest = z.strictObject({ toFamilyId: z.uuid({ message: 'Must be a UUID.' }), access: joiningAccess });
export type MoveChildRequest = z.infer<typeof MoveChildRequest>;

export const FamilyGuardianParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }), guardianId: z.uuid({ message: 'Must be a UUID.' }) });
export type FamilyGuardianParams = z.infer<typeof FamilyGuardianParams>;
export const FamilyChildParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }), childId: z.uuid({ message: 'Must be a UUID.' }) });
export type FamilyChildParams = z.infer<typeof FamilyChildParams>;
