import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import {
  AcceptInvitation,
  CreateSchool,
  FamilyRepository,
  GetFamily,
  GetMe,
  GetSchoolSettings,
  GetStudent,
  IdentityMailer,
  InvitationRepository,
  InviteUser,
  LinkBuilder,
  ListFamilies,
  ListSchools,
  ListStudents,
  ListTeachers,
  ListUsers,
  LoginAttempts,
  PasswordHasher,
  PasswordResetRepository,
  RefreshSession,
  RefreshTokenRepository,
  RegisterPeople,
  RequestPasswordReset,
  ResetPassword,
  SchoolRepository,
  SecretTokens,
  SignIn,
  SignOut,
  StudentAccessPolicy,
  UpdateMyProfile,
  UpdateSchoolSettings,
  UpdateStudent,
  UserRepository,
} from '@cadenza/server/identity/domain';
import { AuthConfig } from '@cadenza/server/platform/config';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { AuthController, LoginGuard } from './auth.controller.js';
import { LocalStrategy } from './local.strategy.js';
import { FamiliesController } from './families.controller.js';
import { InvitationsController } from './invitations.controller.js';
import { MeController } from './me.controller.js';
import { SchoolController } from './school.controller.js';
import { StudentsController } from './students.controller.js';
import { TeachersController } from './teachers.controller.js';
import { UsersController } from './users.controller.js';

/** A use case built from its ports: the class lists them, Nest supplies them. */
function useCase<T>(type: new (...args: never[]) => T, inject: unknown[]): Provider {
  return { provide: type, useFactory: (...deps: never[]) => new type(...deps), inject: inject as Type[] };
}

const useCases: Provider[] = [
  {
    provide: SignIn,
    useFactory: (users, schools, tokens, attempts, hasher, secrets, audit, uow, clock, auth: AuthConfig) =>
      new SignIn(users, schools, tokens, attempts, hasher, secrets, audit, uow, clock, {
        maxFailuresPerAccount: auth.maxFailuresPerAccount,
        maxFailuresPerIp: auth.maxFailuresPerIp,
        windowMinutes: auth.loginWindowMinutes,
        refreshTokenTtlDays: auth.refreshTokenTtlDays,
      }),
    inject: [UserRepository, SchoolRepository, RefreshTokenRepository, LoginAttempts, PasswordHasher, SecretTokens, AuditTrail, UnitOfWork, Clock, AuthConfig],
  },
  {
    provide: RefreshSession,
    useFactory: (tokens, users, schools, secrets, audit, uow, clock, auth: AuthConfig) =>
      new RefreshSession(tokens, users, schools, secrets, audit, uow, clock, { refreshTokenTtlDays: auth.refreshTokenTtlDays }),
    inject: [RefreshTokenRepository, UserRepository, SchoolRepository, SecretTokens, AuditTrail, UnitOfWork, Clock, AuthConfig],
  },
  useCase(SignOut, [RefreshTokenRepository, SecretTokens, AuditTrail, UnitOfWork, Clock]),
  useCase(InviteUser, [InvitationRepository, UserRepository, SchoolRepository, SecretTokens, IdentityMailer, LinkBuilder, AuditTrail, UnitOfWork, Clock]),
  useCase(AcceptInvitation, [InvitationRepository, UserRepository, SchoolRepository, PasswordHasher, SecretTokens, AuditTrail, UnitOfWork, Clock]),
  useCase(RequestPasswordReset, [UserRepository, PasswordResetRepository, SecretTokens, IdentityMailer, LinkBuilder, AuditTrail, UnitOfWork, Clock]),
  useCase(ResetPassword, [UserRepository, PasswordResetRepository, RefreshTokenRepository, PasswordHasher, SecretTokens, AuditTrail, UnitOfWork, Clock]),
  useCase(CreateSchool, [SchoolRepository, UserRepository, PasswordHasher, AuditTrail, UnitOfWork, Clock]),
  useCase(ListSchools, [SchoolRepository]),
  useCase(GetSchoolSettings, [SchoolRepository]),
  useCase(UpdateSchoolSettings, [SchoolRepository, AuditTrail, UnitOfWork]),
  useCase(GetMe, [UserRepository, SchoolRepository]),
  useCase(UpdateMyProfile, [UserRepository, AuditTrail, UnitOfWork]),
  useCase(ListUsers, [UserRepository]),
  useCase(StudentAccessPolicy, [FamilyRepository]),
  useCase(ListStudents, [UserRepository, FamilyRepository]),
  useCase(ListTeachers, [UserRepository]),
  useCase(GetStudent, [UserRepository, StudentAccessPolicy]),
  useCase(UpdateStudent, [UserRepository, StudentAccessPolicy, AuditTrail, UnitOfWork, Clock]),
  useCase(ListFamilies, [FamilyRepository]),
  useCase(GetFamily, [FamilyRepository]),
  useCase(RegisterPeople, [UserRepository, FamilyRepository, PasswordHasher, AuditTrail, UnitOfWork, Clock]),
];

/**
 * The identity context: users, schools, families, invitations, sessions. The app
 * passes the modules that provide its ports (persistence, security, mail) and the
 * kernel's AuditTrail, UnitOfWork and Clock.
 */
@Module({})
export class IdentityModule {
  static register(options: { adapters: Type[] }): DynamicModule {
    return {
      module: IdentityModule,
      imports: options.adapters,
      controllers: [AuthController, MeController, SchoolController, InvitationsController, UsersController, TeachersController, StudentsController, FamiliesController],
      providers: [...useCases, LocalStrategy, LoginGuard],
      exports: [CreateSchool, ListSchools, RegisterPeople],
    };
  }
}
