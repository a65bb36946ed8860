import { Body, Controller, Header, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ErasePerson, ExportPersonalData } from '@cadenza/server/identity/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type EndpointProblem, type Principal } from '@cadenza/server/platform/http';
import { ErasePersonRequest, ErasureOutcome, IdParam, personalDataExportFileName } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { renderPersonalDataZip } from './personal-data-export-files.js';

const TOO_MANY: EndpointProblem = { status: 429, code: 'IDENTITY.TOO_MANY_PERSONAL_DATA_REQUESTS', when: 'More than 10 data-protection requests at once by one admin, then more than one a minute.' };

/** Data-protection requests about one person: a subject-access export and an erasure. Admins only; each audited. */
@ApiTags('data protection')
@Controller('users')
export class PersonalDataController {
  constructor(
    private readonly exportPersonalData: ExportPersonalData,
    private readonly erasePerson: ErasePerson,
  ) {}

  @Post(':id/personal-data-export')
  @HttpCode(200)
  @Access(['admin'], 'admins of the person’s school')
  @Header('Cache-Control', 'private, no-store')
  @Endpoint({
    summary: 'Export everything held about a person',
    description: 'A ZIP of JSON files, one folder per context, with a readable PDF summary (`summary.pdf`). Audited as `identity.personal_data.exported`.',
    response: { contentType: 'application/zip', description: 'The export.' },
    problems: [TOO_MANY],
  })
  async export(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam): Promise<StreamableFile> {
    const bundle = await this.exportPersonalData.execute(actorOf(principal), asId<UserId>(params.id));
    const zip = await renderPersonalDataZip(bundle);
    const name = personalDataExportFileName(bundle.personId, bundle.generatedAt.toISOString());
    return new StreamableFile(zip, { type: 'application/zip', disposition: `attachment; filename="${name}"`, length: zip.length });
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @Access(['admin'], 'admins of the person’s school; the person must be archived')
  @Endpoint({
    summary: 'Erase an archived person, by anonymisation',
    description:
      'Irreversible. `confirmName` must be the person’s name. Their name, contacts and free text are replaced in every context; records keep their shape and show the pseudonym. Threads under safeguarding retention are kept until the retention ends. Running it again after a failure finishes it; after success it answers the same.',
    response: ErasureOutcome,
    problems: [{ status: 409, code: 'IDENTITY.NOT_ARCHIVED', when: 'The person is not archived.' }, TOO_MANY],
  })
  async erase(@CurrentPrincipal() principal: Principal, @Param(validate(IdParam)) params: IdParam, @Body(validate(ErasePersonRequest)) body: ErasePersonRequest): Promise<ErasureOutcome> {
    const outcome = await this.erasePerson.execute(actorOf(principal), asId<UserId>(params.id), body);
    return { personId: outcome.personId, pseudonym: outcome.pseudonym, erasedAt: outcome.erasedAt.toISOString() };
  }
}
