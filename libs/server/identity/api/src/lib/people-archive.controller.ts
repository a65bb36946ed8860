import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ArchivePerson, PreviewArchive, RestorePerson, SchoolDay } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { ArchivePersonRequest, ArchivePreview, IdParam, UserSummary } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentUser } from './presenters.js';

/** Leaving and returning: an admin archives someone who left (after seeing their lessons still to come) and restores them. */
@ApiTags('users')
@Controller('users')
export class PeopleArchiveController {
  constructor(
    private readonly preview: PreviewArchive,
    private readonly archive: ArchivePerson,
    private readonly restore: RestorePerson,
    private readonly day: SchoolDay,
  ) {}

  @Get(':id/archive-preview')
  @Access(['admin'])
  @Endpoint({ summary: 'What archiving a person leaves behind: their lessons still to come', response: ArchivePreview })
  async previewArchive(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<ArchivePreview> {
    const found = await this.preview.execute(actorOf(principal), asId<UserId>(params.id));
    return {
      person: presentUser(found.person, await this.day.today()),
      lessons: found.lessons.map((l) => ({ id: l.id, start: l.start.toISOString(), end: l.end.toISOString(), role: l.role, otherStudents: l.otherStudents })),
    };
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({
    summary: 'Archive a person who left',
    description: 'They cannot sign in from now on (every session ends at once) and drop out of lists; their history stays. Their lessons still to come are cancelled too with `cancelFutureLessons`.',
    response: UserSummary,
    problems: [
      { status: 409, code: 'IDENTITY.CANNOT_ARCHIVE_SELF', when: 'The admin asked to archive themself.' },
      { status: 409, code: 'IDENTITY.LAST_ADMIN', when: 'The person is the school’s last admin.' },
      { status: 409, code: 'IDENTITY.ALREADY_ARCHIVED', when: 'The person is archived already.' },
    ],
  })
  async archivePerson(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(IdParam)) params: IdParam,
    @Body(validate(ArchivePersonRequest)) body: ArchivePersonRequest,
  ): Promise<UserSummary> {
    return presentUser(await this.archive.execute(actorOf(principal), asId<UserId>(params.id), body), await this.day.today());
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({
    summary: 'Restore an archived person',
    description: 'They can sign in again and appear in lists.',
    response: UserSummary,
    problems: [{ status: 409, code: 'IDENTITY.NOT_ARCHIVED', when: 'The person is not archived.' }],
  })
  async restorePerson(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<UserSummary> {
    return presentUser(await this.restore.execute(actorOf(principal), asId<UserId>(params.id)), await this.day.today());
  }
}
