import { z } from 'zod';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetFamily, ListFamilies } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { IdParam, Family as FamilyView } from '@cadenza/shared/contracts';
import { asId, type FamilyId } from '@cadenza/shared/kernel';
import { FamilyPresenter } from './family-presenter.js';

@ApiTags('families')
@Controller('families')
export class FamiliesController {
  constructor(
    private readonly listFamilies: ListFamilies,
    private readonly getFamily: GetFamily,
    private readonly families: FamilyPresenter,
  ) {}

  @Get()
  @Access(['admin', 'parent', 'student'], 'admins every family; others the families they belong to')
  @Endpoint({ summary: 'List families', response: z.array(FamilyView) })
  async list(@CurrentPrincipal() principal: Principal): Promise<FamilyView[]> {
    return this.families.present(await this.listFamilies.execute(actorOf(principal)));
  }

  @Get(':id')
  @Access(['admin', 'parent', 'student'], 'admins; members of the family')
  @Endpoint({ summary: 'Read a family', response: FamilyView })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: { id: string }): Promise<FamilyView> {
    return this.families.one(await this.getFamily.execute(actorOf(principal), asId<FamilyId>(params.id)));
  }
}
