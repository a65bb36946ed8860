import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AddChild, AddGuardian, ChangeGuardianAccess, CreateFamily, MoveChild, RemoveGuardian, UpdateFamily } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import {
  AddChildRequest,
  AddGuardianRequest,
  ChangeGuardianAccessRequest,
  CreateFamilyRequest,
  Family as FamilyView,
  FamilyChildParams,
  FamilyGuardianParams,
  IdParam,
  MoveChildRequest,
  UpdateFamilyRequest,
} from '@cadenza/shared/contracts';
import { asId, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { FamilyPresenter } from './family-presenter.js';

const LAST_FULL = { status: 409, code: 'IDENTITY.LAST_FULL_GUARDIAN', when: 'A child under 18 would be left without a guardian with full access.' } as const;

/** Admins keep the school's families: guardians with their access per child, children, the payer. */
@ApiTags('families')
@Controller('families')
export class FamilyChangesController {
  constructor(
    private readonly createFamily: CreateFamily,
    private readonly updateFamily: UpdateFamily,
    private readonly addGuardian: AddGuardian,
    private readonly changeAccess: ChangeGuardianAccess,
    private readonly removeGuardian: RemoveGuardian,
    private readonly addChild: AddChild,
    private readonly moveChild: MoveChild,
    private readonly families: FamilyPresenter,
  ) {}

  @Post()
  @Access(['admin'])
  @Endpoint({ summary: 'Create a family', response: FamilyView })
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateFamilyRequest)) body: CreateFamilyRequest): Promise<FamilyView> {
    return this.families.one(await this.createFamily.execute(actorOf(principal), body));
  }

  @Patch(':id')
  @Access(['admin'])
  @Endpoint({ summary: 'Rename a family or mark which guardian pays', response: FamilyView })
  async update(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(UpdateFamilyRequest)) body: UpdateFamilyRequest): Promise<FamilyView> {
    const patch = { name: body.name, payerId: body.payerId === undefined ? undefined : body.payerId === null ? null : asId<UserId>(body.payerId) };
    return this.families.one(await this.updateFamily.execute(actorOf(principal), asId<FamilyId>(params.id), patch));
  }

  @Post(':id/guardians')
  @Access(['admin'])
  @Endpoint({
    summary: 'Add a guardian to a family',
    description: 'Someone of the school becomes a guardian (and a parent, if they were not), with `level` for every child but where `access` says otherwise.',
    response: FamilyView,
    problems: [{ status: 409, code: 'IDENTITY.ALREADY_GUARDIAN', when: 'They are a guardian of this family already (field `userId`).' }],
  })
  async guardian(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(AddGuardianRequest)) body: AddGuardianRequest): Promise<FamilyView> {
    const family = await this.addGuardian.execute(actorOf(principal), asId<FamilyId>(params.id), {
      userId: asId<UserId>(body.userId),
      level: body.level,
      access: body.access?.map((a) => ({ childId: asId<UserId>(a.childId), level: a.level })),
    });
    return this.families.one(family);
  }

  @Patch(':id/guardians/:guardianId')
  @Access(['admin'])
  @Endpoint({ summary: 'Change a guardian’s access per child', response: FamilyView, problems: [LAST_FULL] })
  async access(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(FamilyGuardianParams)) params: FamilyGuardianParams,
    @Body(validate(ChangeGuardianAccessRequest)) body: ChangeGuardianAccessRequest,
  ): Promise<FamilyView> {
    const access = body.access.map((a) => ({ childId: asId<UserId>(a.childId), level: a.level }));
    return this.families.one(await this.changeAccess.execute(actorOf(principal), asId<FamilyId>(params.id), asId<UserId>(params.guardianId), access));
  }

  @Delete(':id/guardians/:guardianId')
  @Access(['admin'])
  @Endpoint({ summary: 'Remove a guardian from a family', response: FamilyView, problems: [LAST_FULL] })
  async remove(@CurrentPrincipal() principal: Principal, @Param(validate(FamilyGuardianParams)) params: FamilyGuardianParams): Promise<FamilyView> {
    return this.families.one(await this.removeGuardian.execute(actorOf(principal), asId<FamilyId>(params.id), asId<UserId>(params.guardianId)));
  }

  @Post(':id/children')
  @Access(['admin'])
  @Endpoint({
    summary: 'Add a child to a family',
    description: 'Every guardian gets `full` access to them unless `access` says otherwise.',
    response: FamilyView,
    problems: [{ status: 409, code: 'IDENTITY.ALREADY_IN_FAMILY', when: 'The child is in this family already (field `childId`).' }],
  })
  async child(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(AddChildRequest)) body: AddChildRequest): Promise<FamilyView> {
    const family = await this.addChild.execute(actorOf(principal), asId<FamilyId>(params.id), {
      childId: asId<UserId>(body.childId),
      access: body.access?.map((a) => ({ guardianId: asId<UserId>(a.guardianId), level: a.level })),
    });
    return this.families.one(family);
  }

  @Post(':id/children/:childId/move')
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({
    summary: 'Move a child to another family',
    description: 'In one step: the old family’s guardians lose their access, the new one’s get `full` unless `access` says otherwise. Answers the family the child joined.',
    response: FamilyView,
    problems: [{ status: 409, code: 'IDENTITY.ALREADY_IN_FAMILY', when: 'The child is in the other family already.' }],
  })
  async move(@CurrentPrincipal() principal: Principal, @Param(validate(FamilyChildParams)) params: FamilyChildParams, @Body(validate(MoveChildRequest)) body: MoveChildRequest): Promise<FamilyView> {
    const moved = await this.moveChild.execute(actorOf(principal), asId<FamilyId>(params.id), asId<UserId>(params.childId), {
      toFamilyId: asId<FamilyId>(body.toFamilyId),
      access: body.access?.map((a) => ({ guardianId: asId<UserId>(a.guardianId), level: a.level })),
    });
    return this.families.one(moved.to);
  }
}
