import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AcceptInvitation,
  GetFamily,
  GetMe,
  GetSchoolSettings,
  GetStudent,
  InvitationRepository,
  InviteUser,
  ListFamilies,
  ListStudents,
  ListTeachers,
  ListUsers,
  UpdateMyProfile,
  UpdateSchoolSettings,
  UpdateStudent,
  UserRepository,
  requireRole,
  type Actor,
  type Family,
  type InvitationId,
  type Role,
  type User,
} from '@cadenza/server/identity/domain';
import { ANY_SIGNED_IN, Access, CurrentPrincipal, Public, validate, type Principal } from '@cadenza/server/platform/http';
import {
  AcceptInvitationRequest,
  CreateInvitationRequest,
  IdParam,
  UpdateMeRequest,
  UpdateSchoolSettingsRequest,
  UpdateStudentRequest,
  UsersQuery,
  type Family as FamilyView,
  type Invitation as InvitationView,
  type Me,
  type SchoolSettings,
  type TeacherSummary,
  type UserSummary,
} from '@cadenza/shared/contracts';
import { AuditTrail, Clock, DomainError, UnitOfWork, asId, type FamilyId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { presentFamily, presentInvitation, presentMe, presentSchool, presentTeacher, presentUser } from './presenters.js';

export function actorOf(principal: Principal): Actor {
  return {
    userId: asId<UserId>(principal.userId),
    schoolId: asId<SchoolId>(principal.schoolId),
    roles: principal.roles as Role[],
    safeguardingLead: principal.safeguardingLead,
  };
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly getMe: GetMe,
    private readonly updateProfile: UpdateMyProfile,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'their own account')
  async me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    const { user, school } = await this.getMe.execute(actorOf(principal));
    return presentMe(user, school);
  }

  @Patch()
  @Access(ANY_SIGNED_IN, 'their own account')
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateMeRequest)) body: UpdateMeRequest): Promise<Me> {
    const actor = actorOf(principal);
    await this.updateProfile.execute(actor, body);
    const { user, school } = await this.getMe.execute(actor);
    return presentMe(user, school);
  }
}

@ApiTags('school')
@Controller('school')
export class SchoolController {
  constructor(
    private readonly getSettings: GetSchoolSettings,
    private readonly updateSettings: UpdateSchoolSettings,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'their own school')
  async get(@CurrentPrincipal() principal: Principal): Promise<SchoolSettings> {
    return presentSchool(await this.getSettings.execute(actorOf(principal)));
  }

  @Patch()
  @Access(['admin'], 'their own school')
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateSchoolSettingsRequest)) body: UpdateSchoolSettingsRequest): Promise<SchoolSettings> {
    return presentSchool(await this.updateSettings.execute(actorOf(principal), body));
  }
}

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invite: InviteUser,
    private readonly accept: AcceptInvitation,
    private readonly invitations: InvitationRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Access(['admin'])
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateInvitationRequest)) body: CreateInvitationRequest): Promise<InvitationView> {
    return presentInvitation(await this.invite.execute(actorOf(principal), body));
  }

  @Get()
  @Access(['admin'])
  async list(): Promise<InvitationView[]> {
    return (await this.invitations.list()).map(presentInvitation);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(['admin'])
  async revoke(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<void> {
    const actor = actorOf(principal);
    requireRole(actor, 'admin');
    await this.uow.run(async () => {
      const invitation = await this.invitations.byId(asId<InvitationId>(params.id));
      if (!invitation) throw DomainError.notFound('IDENTITY.NOT_FOUND', 'The invitation');
      invitation.revoke(this.clock.now());
      await this.invitations.update(invitation);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'identity.invitation.revoked', entityType: 'invitation', entityId: invitation.id });
    });
  }

  @Post('accept')
  @Public('Authenticated by the token from the invitation mail.')
  async acceptInvitation(@Body(validate(AcceptInvitationRequest)) body: AcceptInvitationRequest): Promise<{ email: string }> {
    const user = await this.accept.execute(body);
    return { email: user.email };
  }
}

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsers,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access(['admin'])
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(UsersQuery)) query: { role?: Role }): Promise<UserSummary[]> {
    const now = this.clock.now();
    return (await this.listUsers.execute(actorOf(principal), query)).map((u) => presentUser(u, now));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'admins any user of their school; others only themselves')
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<UserSummary> {
    const actor = actorOf(principal);
    const user = actor.roles.includes('admin') || actor.userId === params.id ? await this.users.byId(asId<UserId>(params.id)) : null;
    if (!user) throw DomainError.notFound('IDENTITY.NOT_FOUND', 'The user');
    return presentUser(user, this.clock.now());
  }
}

@ApiTags('teachers')
@Controller('teachers')
export class TeachersController {
  constructor(private readonly listTeachers: ListTeachers) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'everyone in the school: who teaches there, by name (no contact details)')
  async list(@CurrentPrincipal() principal: Principal): Promise<TeacherSummary[]> {
    return (await this.listTeachers.execute(actorOf(principal))).map(presentTeacher);
  }
}

@ApiTags('students')
@Controller('students')
export class StudentsController {
  constructor(
    private readonly listStudents: ListStudents,
    private readonly getStudent: GetStudent,
    private readonly updateStudent: UpdateStudent,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'staff see every student; a student themself; a parent their children')
  async list(@CurrentPrincipal() principal: Principal): Promise<UserSummary[]> {
    const now = this.clock.now();
    return (await this.listStudents.execute(actorOf(principal))).map((u) => presentUser(u, now));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'staff; the student themself; their guardians')
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<UserSummary> {
    return presentUser(await this.getStudent.execute(actorOf(principal), asId<UserId>(params.id)), this.clock.now());
  }

  @Patch(':id')
  @Access(['admin', 'parent'], 'admins; guardians with full access to the child')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
    @Body(validate(UpdateStudentRequest)) body: UpdateStudentRequest,
  ): Promise<UserSummary> {
    return presentUser(await this.updateStudent.execute(actorOf(principal), asId<UserId>(params.id), body), this.clock.now());
  }
}

@ApiTags('families')
@Controller('families')
export class FamiliesController {
  constructor(
    private readonly listFamilies: ListFamilies,
    private readonly getFamily: GetFamily,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access(['admin', 'parent', 'student'], 'admins every family; others the families they belong to')
  async list(@CurrentPrincipal() principal: Principal): Promise<FamilyView[]> {
    const actor = actorOf(principal);
    const families = actor.roles.includes('admin') || actor.roles.includes('parent') ? await this.listFamilies.execute(actor) : [];
    return this.present(families);
  }

  @Get(':id')
  @Access(['admin', 'parent', 'student'], 'admins; members of the family')
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<FamilyView> {
    const [family] = await this.present([await this.getFamily.execute(actorOf(principal), asId<FamilyId>(params.id))]);
    return family;
  }

  private async present(families: Family[]): Promise<FamilyView[]> {
    const ids = [...new Set(families.flatMap((f) => [...f.guardianIds, ...f.childIds]))];
    const people = new Map<string, User>((await this.users.byIds(ids)).map((u) => [u.id, u]));
    const now = this.clock.now();
    return families.map((f) => presentFamily(f, people, now));
  }
}
