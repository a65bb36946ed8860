import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import multer from 'multer';
import { catchError, type Observable } from 'rxjs';
import { ImportUploadFields } from '@cadenza/shared/contracts';
import { DomainError } from '@cadenza/shared/kernel';

/** The largest CSV file an import reads: 10,000 rows of families with room to spare. */
export const IMPORT_FILE_BYTES = 8 * 1024 * 1024;

/** Reads one multipart part named `file` into memory, and the two small fields beside it (`mapping`, `runId`). */
export const ImportFile = FileInterceptor('file', {
  storage: multer.memoryStorage(),
  limits: { fileSize: IMPORT_FILE_BYTES, files: 1, fields: 2, fieldSize: 8_192, parts: 3, headerPairs: 100 },
  defParamCharset: 'utf8',
});

/** Multer's refusals as problem details naming the field. */
@Injectable()
export class ImportFileProblems implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpException)) throw error;
        const cause = (error as { cause?: { code?: string; field?: string } }).cause;
        if (cause?.code === 'LIMIT_FILE_SIZE') throw DomainError.invalid('ONBOARDING.FILE_TOO_LARGE', 'file', `A file can be at most ${IMPORT_FILE_BYTES / (1024 * 1024)} MB.`);
        if (error.getStatus() === 400) {
          throw DomainError.invalid('ONBOARDING.INVALID_UPLOAD', cause?.field && cause.code !== 'LIMIT_FILE_COUNT' ? cause.field : 'file', 'Send one CSV file in a part named "file", with the fields "mapping" and "runId" only.');
        }
        throw error;
      }),
    );
  }
}

/** The file's text, or a 400 on `file` when none was sent or it is not UTF-8. */
export function fileText(file: Express.Multer.File | undefined): string {
  if (!file) throw DomainError.invalid('ONBOARDING.INVALID_UPLOAD', 'file', 'Choose a CSV file, sent as multipart/form-data in a part named "file".');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
  } catch {
    throw DomainError.invalid('ONBOARDING.INVALID_CSV', 'file', 'The file is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8".');
  }
}

/** The form fields beside the file, checked as a body would be: 400 naming each bad field. */
export function uploadFields(fields: Record<string, unknown> | undefined): ImportUploadFields {
  const parsed = ImportUploadFields.safeParse(fields ?? {});
  if (parsed.success) return parsed.data;
  throw new DomainError('ONBOARDING.INVALID_UPLOAD', 'invalid', 'The form fields are not valid.', {
    fields: parsed.error.issues.map((issue) => ({ field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || 'body', message: issue.message })),
  });
}
