import { z } from 'zod';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetFamily, ListFamilies, UserRepository, type Family, type User } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { IdParam, Family as FamilyView } from '@cadenza/shared/contracts';
import { Clock, asId, type FamilyId } from '@cadenza/shared/kernel';
import { presentFamily } from './presenters.js';

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
  @Endpoint({ summary: 'List families', response: z.array(FamilyView) })
  async list(@CurrentPrincipal() principal: Principal): Promise<FamilyView[]> {
    return this.present(await this.listFamilies.execute(actorOf(principal)));
  }

  @Get(':id')
  @Access(['admin', 'parent', 'student'], 'admins; members of the family')
  @Endpoint({ summary: 'Read a family', response: FamilyView })
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
