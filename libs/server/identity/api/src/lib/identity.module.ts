import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import {
  AcceptInvitation,
  AddChild,
  AddGuardian,
  ChangeGuardianAccess,
  CreateFamily,
  MoveChild,
  RemoveGuardian,
  UpdateFamily,
  ArchivePerson,
  PersonLessons,
  PreviewArchive,
  RestorePerson,
  ChangeRoles,
  SchoolDay,
  InviteGuardian,
  ChangeMyPassword,
  CreateStudent,
  GetTeacher,
  UpdateTeacherProfile,
  TeacherProfileRepository,
  InviteStudent,
  InviteImportedPeople,
  ImportedPeople,
  StudentProfileRepository,
  TeachingRelations,
  CreateSchool,
  FamilyRepository,
  GetFamily,
  GetMe,
  GetSchoolSettings,
  GetStudent,
  GetUser,
  IdentityMailer,
  InvitationRepository,
  InviteUser,
  LinkBuilder,
  ListFamilies,
  ListInvitations,
  ListPeople,
  PeopleSearch,
  ListSchools,
  ListStudents,
  ListTeachers,
  ListUsers,
  PasswordHasher,
  PasswordResetRepository,
  RefreshSession,
  RefreshTokenRepository,
  RegisterPeople,
  PasswordResetRequests,
  RequestPasswordReset,
  SendPasswordResets,
  ResetPassword,
  RevokeInvitation,
  SchoolRepository,
  SecretTokens,
  SignIn,
  SignOut,
  StudentAccessPolicy,
  UpdateMyProfile,
  UpdateSchoolSettings,
  UpdateStudent,
  UserRepository,
  IdentityEvents,
  ErasePerson,
  ExportPersonalData,
  PersonalDataErasures,
} from '@cadenza/server/identity/domain';
import { AuthConfig } from '@cadenza/server/platform/config';
import { build, buildWith } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, PersonalDataHolders, RateLimiter, UnitOfWork } from '@cadenza/shared/kernel';
import { AuthController } from './auth.controller.js';
import { LoginGuard } from './login.guard.js';
import { LocalStrategy } from './local.strategy.js';
import { FamiliesController } from './families.controller.js';
import { FamilyChangesController } from './family-changes.controller.js';
import { FamilyPresenter } from './family-presenter.js';
import { InvitationsController } from './invitations.controller.js';
import { MeController } from './me.controller.js';
import { PeopleArchiveController } from './people-archive.controller.js';
import { PeopleRolesController } from './people-roles.controller.js';
import { GuardianInvitationsController } from './guardian-invitations.controller.js';
import { SchoolController } from './school.controller.js';
import { StudentsController } from './students.controller.js';
import { TeachersController } from './teachers.controller.js';
import { UsersController } from './users.controller.js';
import { PeopleController } from './people.controller.js';
import { PasswordResetMails } from './password-reset-mails.js';
import { PersonalDataController } from './personal-data.controller.js';

const useCases: Provider[] = [
  buildWith(
    SignIn,
    [UserRepository, SchoolRepository, RefreshTokenRepository, RateLimiter, PasswordHasher, SecretTokens, AuditTrail, UnitOfWork, Clock, AuthConfig],
    (users, schools, tokens, limiter, hasher, secrets, audit, uow, clock, auth) =>
      new SignIn(users, schools, tokens, limiter, hasher, secrets, audit, uow, clock, {
        maxFailuresPerAccount: auth.maxFailuresPerAccount,
        maxFailuresPerIp: auth.maxFailuresPerIp,
        windowMinutes: auth.loginWindowMinutes,
        refreshTokenTtlDays: auth.refreshTokenTtlDays,
      }),
  ),
  buildWith(
    RefreshSession,
    [RefreshTokenRepository, UserRepository, SchoolRepository, SecretTokens, AuditTrail, UnitOfWork, Clock, AuthConfig],
    (tokens, users, schools, secrets, audit, uow, clock, auth) => new RefreshSession(tokens, users, schools, secrets, audit, uow, clock, { refreshTokenTtlDays: auth.refreshTokenTtlDays }),
  ),
  build(SignOut, [RefreshTokenRepository, SecretTokens, AuditTrail, UnitOfWork, Clock]),
  build(InviteUser, [InvitationRepository, UserRepository, SchoolRepository, SecretTokens, IdentityMailer, LinkBuilder, AuditTrail, UnitOfWork, Clock, RateLimiter]),
  build(AcceptInvitation, [InvitationRepository, UserRepository, SchoolRepository, PasswordHasher, SecretTokens, AuditTrail, UnitOfWork, Clock, RateLimiter]),
  build(RequestPasswordReset, [PasswordResetRequests, RateLimiter, Clock]),
  build(SendPasswordResets, [PasswordResetRequests, UserRepository, PasswordResetRepository, SecretTokens, IdentityMailer, LinkBuilder, AuditTrail, UnitOfWork, Clock]),
  build(ResetPassword, [UserRepository, PasswordResetRepository, RefreshTokenRepository, PasswordHasher, SecretTokens, AuditTrail, UnitOfWork, Clock, RateLimiter]),
  build(CreateSchool, [SchoolRepository, UserRepository, PasswordHasher, AuditTrail, UnitOfWork, Clock]),
  build(ListSchools, [SchoolRepository]),
  build(GetSchoolSettings, [SchoolRepository]),
  build(UpdateSchoolSettings, [SchoolRepository, AuditTrail, UnitOfWork]),
  build(GetMe, [UserRepository, SchoolRepository]),
  build(UpdateMyProfile, [UserRepository, AuditTrail, UnitOfWork]),
  build(ChangeMyPassword, [UserRepository, RefreshTokenRepository, PasswordHasher, RateLimiter, AuditTrail, UnitOfWork, Clock]),
  build(ListUsers, [UserRepository]),
  build(GetUser, [UserRepository]),
  build(ListInvitations, [InvitationRepository]),
  build(RevokeInvitation, [InvitationRepository, AuditTrail, UnitOfWork, Clock]),
  build(StudentAccessPolicy, [FamilyRepository]),
  build(ListStudents, [UserRepository, FamilyRepository]),
  build(ListTeachers, [UserRepository]),
  build(ListPeople, [PeopleSearch, SchoolRepository, Clock]),
  build(GetStudent, [UserRepository, StudentAccessPolicy, StudentProfileRepository, SchoolRepository, TeachingRelations, Clock]),
  build(CreateStudent, [UserRepository, StudentProfileRepository, SchoolRepository, AuditTrail, UnitOfWork, Clock]),
  build(InviteStudent, [UserRepository, InviteUser]),
  build(InviteImportedPeople, [ImportedPeople, UserRepository, InvitationRepository, InviteUser, Clock]),
  build(InviteGuardian, [FamilyRepository, UserRepository, SchoolRepository, InviteUser, AuditTrail, Clock]),
  build(GetTeacher, [UserRepository, TeacherProfileRepository]),
  build(UpdateTeacherProfile, [UserRepository, TeacherProfileRepository, AuditTrail, UnitOfWork]),
  build(UpdateStudent, [UserRepository, StudentAccessPolicy, StudentProfileRepository, SchoolRepository, AuditTrail, UnitOfWork, Clock, IdentityEvents, RefreshTokenRepository]),
  build(PreviewArchive, [UserRepository, PersonLessons, Clock]),
  build(ArchivePerson, [UserRepository, SchoolRepository, RefreshTokenRepository, PersonLessons, AuditTrail, UnitOfWork, Clock]),
  build(RestorePerson, [UserRepository, AuditTrail, UnitOfWork]),
  build(ChangeRoles, [UserRepository, SchoolRepository, FamilyRepository, RefreshTokenRepository, AuditTrail, UnitOfWork, Clock]),
  build(ListFamilies, [FamilyRepository]),
  build(CreateFamily, [FamilyRepository, AuditTrail, UnitOfWork]),
  build(UpdateFamily, [FamilyRepository, AuditTrail, UnitOfWork]),
  build(AddGuardian, [FamilyRepository, UserRepository, AuditTrail, UnitOfWork]),
  build(SchoolDay, [SchoolRepository, Clock]),
  build(ChangeGuardianAccess, [FamilyRepository, UserRepository, AuditTrail, UnitOfWork, SchoolDay]),
  build(RemoveGuardian, [FamilyRepository, UserRepository, AuditTrail, UnitOfWork, SchoolDay]),
  build(AddChild, [FamilyRepository, UserRepository, AuditTrail, UnitOfWork]),
  build(MoveChild, [FamilyRepository, AuditTrail, UnitOfWork]),
  build(GetFamily, [FamilyRepository]),
  build(RegisterPeople, [UserRepository, FamilyRepository, PasswordHasher, AuditTrail, UnitOfWork, Clock]),
  build(ExportPersonalData, [UserRepository, StudentProfileRepository, TeacherProfileRepository, PersonalDataErasures, PersonalDataHolders, RateLimiter, AuditTrail, UnitOfWork, Clock]),
  build(ErasePerson, [UserRepository, StudentProfileRepository, TeacherProfileRepository, PersonalDataErasures, PersonalDataHolders, RateLimiter, AuditTrail, UnitOfWork, Clock]),
];

/**
 * The identity context: users, schools, families, invitations, sessions. The app
 * passes the modules that provide its ports (persistence, security, mail) and the
 * kernel's AuditTrail, UnitOfWork and Clock.
 */
@Module({})
export class IdentityModule {
  /** With `background` (the api serving, not a one-off step), it also sends the queued password-reset mails. */
  static register(options: { adapters: Type[]; background?: boolean }): DynamicModule {
    return {
      module: IdentityModule,
      imports: options.adapters,
      controllers: [AuthController, MeController, SchoolController, InvitationsController, UsersController, PeopleArchiveController, PeopleRolesController, TeachersController, StudentsController, FamiliesController, FamilyChangesController, GuardianInvitationsController, PeopleController, PersonalDataController],
      providers: [...useCases, FamilyPresenter, LocalStrategy, LoginGuard, ...(options.background ? [PasswordResetMails] : [])],
      exports: [CreateSchool, ListSchools, RegisterPeople, ArchivePerson, UpdateFamily],
    };
  }
}
