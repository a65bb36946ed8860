import { z } from 'zod';
import { Body, Controller, Get, Header, HttpCode, Param, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IMPORT_FIELDS, IMPORT_KINDS, IMPORT_TITLES, PreviewImport, ReadImportProgress, RunImport, templateCsv, type ImportKind } from '@cadenza/server/onboarding/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { ImportKindInfo, ImportKindParam, ImportPreview, ImportProgress, ImportReport, ImportRunParam } from '@cadenza/shared/contracts';
import { readCsv } from './csv-table.js';
import { fileText, ImportFile, ImportFileProblems, uploadFields } from './import-file.js';

const FILE_BODY = { multipartFile: 'file' } as const;
const FILE_PROBLEMS = [
  { status: 400, code: 'ONBOARDING.INVALID_CSV', when: 'The file is not CSV, or its headings are missing or repeated.' },
  { status: 400, code: 'ONBOARDING.TOO_MANY_ROWS', when: 'The file has more rows than an import takes (10,000).' },
] as const;
const ROWS_DESCRIPTION = 'Multipart: the CSV in a part named `file`, `mapping` (a JSON object from each field’s key to the file’s column heading) and `runId` (a UUID under which `GET /imports/runs/{runId}/progress` tells the progress).';

/** Bulk import of a school's records from CSV: templates, the mapping step, a dry run and the commit, admins only. */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly previewImport: PreviewImport,
    private readonly runImport: RunImport,
    private readonly readProgress: ReadImportProgress,
  ) {}

  @Get('kinds')
  @Access(['admin'])
  @Endpoint({ summary: 'What can be imported: each kind with its fields', response: z.array(ImportKindInfo) })
  kinds(): ImportKindInfo[] {
    return IMPORT_KINDS.map((kind) => ({ kind, title: IMPORT_TITLES[kind], fields: IMPORT_FIELDS[kind].map((f) => ({ ...f })) }));
  }

  @Get('templates/:kind.csv')
  @Access(['admin'])
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Endpoint({ summary: 'A template CSV of a kind: the headings and one example row', response: { contentType: 'text/csv', description: 'The template.' } })
  template(@Param(validate(ImportKindParam)) params: ImportKindParam): StreamableFile {
    return new StreamableFile(Buffer.from(templateCsv(params.kind), 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="cadenza-${params.kind}-template.csv"` });
  }

  @Post(':kind/preview')
  @HttpCode(200)
  @Access(['admin'])
  @UseInterceptors(ImportFileProblems, ImportFile)
  @Endpoint({ summary: 'The mapping step: the file’s headings, first rows and a suggested column for each field', description: 'Multipart: the CSV in a part named `file`.', body: FILE_BODY, response: ImportPreview, problems: FILE_PROBLEMS })
  preview(@CurrentPrincipal() principal: Principal, @Param(validate(ImportKindParam)) params: ImportKindParam, @UploadedFile() file: Express.Multer.File | undefined): ImportPreview {
    const preview = this.previewImport.execute(actorOf(principal), { kind: params.kind, table: readCsv(fileText(file)) });
    return { ...preview, columns: [...preview.columns], firstRows: preview.firstRows.map((r) => [...r]) };
  }

  @Post(':kind/dry-run')
  @HttpCode(200)
  @Access(['admin'])
  @UseInterceptors(ImportFileProblems, ImportFile)
  @Endpoint({ summary: 'Check a file: every row’s problems by row and column; nothing is written', description: ROWS_DESCRIPTION, body: FILE_BODY, response: ImportReport, problems: FILE_PROBLEMS })
  async dryRun(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(ImportKindParam)) params: ImportKindParam,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: Record<string, unknown> | undefined,
  ): Promise<ImportReport> {
    return this.run(principal, params.kind, file, fields, false);
  }

  @Post(':kind/commit')
  @HttpCode(200)
  @Access(['admin'])
  @UseInterceptors(ImportFileProblems, ImportFile)
  @Endpoint({
    summary: 'Import a file: all of it in one transaction, or nothing when a row has a problem',
    description: `${ROWS_DESCRIPTION} Rows already imported (matched by email, a room's name, or a lesson's people, day and time) are left as they are.`,
    body: FILE_BODY,
    response: ImportReport,
    problems: [...FILE_PROBLEMS, { status: 400, code: 'ONBOARDING.ROWS_REFUSED', when: 'Some rows have problems: `errors` names each as `rows.<row>.<field>`, `report` is the dry run’s report; nothing was written.' }],
  })
  async commit(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(ImportKindParam)) params: ImportKindParam,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: Record<string, unknown> | undefined,
  ): Promise<ImportReport> {
    return this.run(principal, params.kind, file, fields, true);
  }

  @Get('runs/:runId/progress')
  @Access(['admin'])
  @Endpoint({ summary: 'How far a dry run or commit of this api process is', response: ImportProgress })
  progress(@CurrentPrincipal() principal: Principal, @Param(validate(ImportRunParam)) params: ImportRunParam): ImportProgress {
    const { schoolId: _school, ...state } = this.readProgress.execute(actorOf(principal), params.runId);
    return state;
  }

  private async run(principal: Principal, kind: ImportKind, file: Express.Multer.File | undefined, fields: Record<string, unknown> | undefined, commit: boolean): Promise<ImportReport> {
    const form = uploadFields(fields);
    const table = readCsv(fileText(file));
    return this.runImport.execute(actorOf(principal), { kind, table, mapping: form.mapping ?? {}, runId: form.runId ?? globalThis.crypto.randomUUID(), commit });
  }
}
