import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListPeople } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { PeoplePage, PeopleQuery } from '@cadenza/shared/contracts';

@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(private readonly listPeople: ListPeople) {}

  @Get()
  @Access(['admin', 'teacher'], 'admins every student and the staff; a teacher only the students they teach')
  @Endpoint({ summary: 'Search, filter, sort and page the school’s students or staff', response: PeoplePage })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(PeopleQuery)) query: PeopleQuery): Promise<PeoplePage> {
    const page = await this.listPeople.execute(actorOf(principal), query);
    return {
      total: page.total,
      items: page.people.map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        roles: p.roles,
        dateOfBirth: p.dateOfBirth,
        minor: p.minor,
        leftSchoolOn: p.leftSchoolOn,
        teachers: p.teachers,
      })),
    };
  }
}
