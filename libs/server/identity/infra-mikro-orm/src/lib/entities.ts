import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

/** Rows as PostgreSQL holds them. Only this library knows them; the domain sees its own models. */
export interface SchoolRow {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  currency: string;
  locale: string;
  idleTimeoutMinutes: number;
  invitationTtlDays: number;
  createdAt: Date;
}
export interface UserRow {
  id: string;
  schoolId: string;
  email: string | null;
  name: string;
  roles: string[];
  safeguardingLead: boolean;
  timeZone: string;
  locale: string;
  dateOfBirth: string | null;
  leftSchoolOn: string | null;
  passwordHash: string | null;
  emailVerifiedAt: Date | null;
  createdAt: Date;
}
export interface FamilyRow {
  id: string;
  schoolId: string;
  name: string;
  payerId: string | null;
}
export interface FamilyMemberRow {
  familyId: string;
  userId: string;
  schoolId: string;
  kind: 'guardian' | 'child';
}
export interface GuardianAccessRow {
  familyId: string;
  guardianId: string;
  childId: string;
  schoolId: string;
  level: 'view' | 'full';
}
export interface InvitationRow {
  id: string;
  schoolId: string;
  email: string;
  name: string;
  roles: string[];
  tokenHash: string;
  invitedBy: string | null;
  userId: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}
export interface RefreshTokenRow {
  id: string;
  familyId: string;
  schoolId: string;
  userId: string;
  tokenHash: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  replacedAt: Date | null;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}
export interface PasswordResetRow {
  id: string;
  schoolId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
}
const ts = { type: 'datetime', columnType: 'timestamptz' } as const;
const tsNull = { ...ts, nullable: true } as const;
const uuid = { type: 'uuid' } as const;

export const SchoolSchema = new EntitySchema<SchoolRow>({
  name: 'SchoolRow',
  tableName: 'schools',
  properties: {
    id: { ...uuid, primary: true },
    name: { type: 'text' },
    slug: { type: 'text' },
    timeZone: { type: 'text' },
    currency: { type: 'text' },
    locale: { type: 'text' },
    idleTimeoutMinutes: { type: 'integer' },
    invitationTtlDays: { type: 'integer' },
    createdAt: ts,
  },
  // A school is its own tenant.
  filters: { tenant: { name: 'tenant', cond: (args: { schoolId: string }) => ({ id: args.schoolId }), default: true } },
});

export const UserSchema = new EntitySchema<UserRow>({
  name: 'UserRow',
  tableName: 'users',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    email: { type: 'text', nullable: true },
    name: { type: 'text' },
    roles: { type: 'string[]', columnType: 'text[]' },
    safeguardingLead: { type: 'boolean' },
    timeZone: { type: 'text' },
    locale: { type: 'text' },
    dateOfBirth: { type: 'date', nullable: true },
    leftSchoolOn: { type: 'date', nullable: true },
    passwordHash: { type: 'text', nullable: true },
    emailVerifiedAt: tsNull,
    createdAt: ts,
  },
  filters: schoolOwned(),
});

export const FamilySchema = new EntitySchema<FamilyRow>({
  name: 'FamilyRow',
  tableName: 'families',
  properties: { id: { ...uuid, primary: true }, schoolId: uuid, name: { type: 'text' }, payerId: { ...uuid, nullable: true } },
  filters: schoolOwned(),
});

export const FamilyMemberSchema = new EntitySchema<FamilyMemberRow>({
  name: 'FamilyMemberRow',
  tableName: 'family_members',
  properties: {
    familyId: { ...uuid, primary: true },
    userId: { ...uuid, primary: true },
    schoolId: uuid,
    kind: { type: 'text' },
  },
  filters: schoolOwned(),
});

export const GuardianAccessSchema = new EntitySchema<GuardianAccessRow>({
  name: 'GuardianAccessRow',
  tableName: 'guardian_access',
  properties: {
    familyId: { ...uuid, primary: true },
    guardianId: { ...uuid, primary: true },
    childId: { ...uuid, primary: true },
    schoolId: uuid,
    level: { type: 'text' },
  },
  filters: schoolOwned(),
});

export const InvitationSchema = new EntitySchema<InvitationRow>({
  name: 'InvitationRow',
  tableName: 'invitations',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    email: { type: 'text' },
    name: { type: 'text' },
    roles: { type: 'string[]', columnType: 'text[]' },
    tokenHash: { type: 'text' },
    invitedBy: { ...uuid, nullable: true },
    userId: { ...uuid, nullable: true },
    expiresAt: ts,
    acceptedAt: tsNull,
    revokedAt: tsNull,
    createdAt: ts,
  },
  filters: schoolOwned(),
});

export const RefreshTokenSchema = new EntitySchema<RefreshTokenRow>({
  name: 'RefreshTokenRow',
  tableName: 'refresh_tokens',
  properties: {
    id: { ...uuid, primary: true },
    familyId: uuid,
    schoolId: uuid,
    userId: uuid,
    tokenHash: { type: 'text' },
    createdAt: ts,
    lastUsedAt: ts,
    expiresAt: ts,
    replacedAt: tsNull,
    revokedAt: tsNull,
    ip: { type: 'text', nullable: true },
    userAgent: { type: 'text', nullable: true },
  },
  filters: schoolOwned(),
});

export const PasswordResetSchema = new EntitySchema<PasswordResetRow>({
  name: 'PasswordResetRow',
  tableName: 'password_resets',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    userId: uuid,
    tokenHash: { type: 'text' },
    expiresAt: ts,
    usedAt: tsNull,
  },
  filters: schoolOwned(),
});

export interface PasswordResetRequestRow {
  id: string;
  email: string;
  requestedAt: Date;
  claimedUntil: Date | null;
  claims: number;
}

/** Not school-owned: a reset is asked for by email, before anyone knows whether, or where, it has an account. */
export const PasswordResetRequestSchema = new EntitySchema<PasswordResetRequestRow>({
  name: 'PasswordResetRequestRow',
  tableName: 'password_reset_requests',
  properties: {
    id: { ...uuid, primary: true },
    email: { type: 'text' },
    requestedAt: ts,
    claimedUntil: tsNull,
    claims: { type: 'integer' },
  },
});

export interface StudentProfileRow {
  userId: string;
  schoolId: string;
  instruments: string[];
  level: string | null;
  schoolYear: string | null;
  staffNotes: string | null;
  medicalNotes: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  emergencyContactRelation: string | null;
}

const textNull = { type: 'text', nullable: true } as const;

export const StudentProfileSchema = new EntitySchema<StudentProfileRow>({
  name: 'StudentProfileRow',
  tableName: 'student_profiles',
  properties: {
    userId: { ...uuid, primary: true },
    schoolId: uuid,
    instruments: { type: 'string[]', columnType: 'text[]' },
    level: textNull,
    schoolYear: textNull,
    staffNotes: textNull,
    medicalNotes: textNull,
    emergencyContactName: textNull,
    emergencyContactPhone: textNull,
    emergencyContactRelation: textNull,
  },
  filters: schoolOwned(),
});

export interface TeacherProfileRow {
  userId: string;
  schoolId: string;
  instruments: string[];
  levels: string[];
  bio: string | null;
  phone: string | null;
  email: string | null;
}

export const TeacherProfileSchema = new EntitySchema<TeacherProfileRow>({
  name: 'TeacherProfileRow',
  tableName: 'teacher_profiles',
  properties: {
    userId: { ...uuid, primary: true },
    schoolId: uuid,
    instruments: { type: 'string[]', columnType: 'text[]' },
    levels: { type: 'string[]', columnType: 'text[]' },
    bio: textNull,
    phone: textNull,
    email: textNull,
  },
  filters: schoolOwned(),
});

export const identityEntities = [
  StudentProfileSchema,
  TeacherProfileSchema,
  PasswordResetRequestSchema,
  SchoolSchema,
  UserSchema,
  FamilySchema,
  FamilyMemberSchema,
  GuardianAccessSchema,
  InvitationSchema,
  RefreshTokenSchema,
  PasswordResetSchema,
];
