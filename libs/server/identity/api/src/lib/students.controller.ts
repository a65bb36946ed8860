import { z } from 'zod';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateStudent, GetStudent, InviteStudent, ListStudents, UpdateStudent, SchoolDay } from '@cadenza/server/identity/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { CreateStudentRequest, IdParam, InviteStudentRequest, Invitation as InvitationView, Student, StudentsQuery, UpdateStudentRequest, UserSummary } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentInvitation, presentStudent, presentUser } from './presenters.js';

@ApiTags('students')
@Controller('students')
export class StudentsController {
  constructor(
    private readonly listStudents: ListStudents,
    private readonly getStudent: GetStudent,
    private readonly createStudent: CreateStudent,
    private readonly updateStudent: UpdateStudent,
    private readonly inviteStudent: InviteStudent,
    private readonly day: SchoolDay,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'staff see every student; a student themself; a parent their children')
  @Endpoint({ summary: 'List students', response: z.array(UserSummary) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(StudentsQuery)) query: StudentsQuery): Promise<UserSummary[]> {
    const today = await this.day.today();
    return (await this.listStudents.execute(actorOf(principal), query)).map((u) => presentUser(u, today));
  }

  @Post()
  @Access(['admin'])
  @Endpoint({ summary: 'Record a student without a sign-in of their own (invite them later)', response: Student })
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateStudentRequest)) body: CreateStudentRequest): Promise<Student> {
    return presentStudent(await this.createStudent.execute(actorOf(principal), body));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN, 'staff; the student themself; their guardians. Notes and the emergency contact only for those who may read them')
  @Endpoint({ summary: 'Read a student’s profile', response: Student })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<Student> {
    return presentStudent(await this.getStudent.execute(actorOf(principal), asId<UserId>(params.id)));
  }

  @Patch(':id')
  @Access(['admin', 'parent'], 'admins; guardians with full access to the child (name, date of birth, instruments, school year, emergency contact)')
  @Endpoint({ summary: 'Change a student’s details (only the fields given)', response: Student })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: { id: string },
    @Body(validate(UpdateStudentRequest)) body: UpdateStudentRequest,
  ): Promise<Student> {
    return presentStudent(await this.updateStudent.execute(actorOf(principal), asId<UserId>(params.id), body));
  }

  @Post(':id/invitation')
  @Access(['admin'])
  @Endpoint({
    summary: 'Invite a student without a sign-in: the usual invitation mail, and accepting it gives the student their sign-in',
    response: InvitationView,
    problems: [
      { status: 409, code: 'IDENTITY.ALREADY_SIGNS_IN', when: 'The student already has a sign-in of their own.' },
      { status: 409, code: 'IDENTITY.EMAIL_TAKEN', when: 'The email already has an account.' },
      { status: 429, code: 'IDENTITY.TOO_MANY_INVITATIONS', when: 'Too many invitations went out just now, from this admin or to this address; wait and try again.' },
    ],
  })
  async invite(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }, @Body(validate(InviteStudentRequest)) body: InviteStudentRequest): Promise<InvitationView> {
    return presentInvitation(await this.inviteStudent.execute(actorOf(principal), asId<UserId>(params.id), body));
  }
}
