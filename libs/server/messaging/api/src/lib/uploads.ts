import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import multer from 'multer';
import { catchError, type Observable } from 'rxjs';
import { ATTACHMENT_BYTES } from '@cadenza/server/messaging/domain';
import { DomainError } from '@cadenza/shared/kernel';

/**
 * Reads one multipart file part named `file` into memory, refusing anything larger than the
 * ceiling no school can raise (the school's own, lower limit is the domain's to check) and any
 * second file. A few small text fields are read only so the controller can refuse them by name.
 * File names are read as UTF-8.
 */
export const AttachmentFile = FileInterceptor('file', {
  storage: multer.memoryStorage(),
  limits: { fileSize: ATTACHMENT_BYTES.max, files: 1, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 100 },
  defParamCharset: 'utf8',
});

/** Multer's refusals as problem details naming the field (`file`, or the unexpected one). */
@Injectable()
export class UploadProblems implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpException)) throw error;
        const cause = (error as { cause?: { code?: string; field?: string } }).cause;
        if (cause?.code === 'LIMIT_FILE_SIZE') {
          throw DomainError.invalid('MESSAGING.ATTACHMENT_TOO_LARGE', 'file', `A file can be at most ${ATTACHMENT_BYTES.max / (1024 * 1024)} MB.`);
        }
        if (error.getStatus() === 400) {
          const field = cause?.field && cause.code !== 'LIMIT_FILE_COUNT' ? cause.field : 'file';
          throw DomainError.invalid('MESSAGING.INVALID_UPLOAD', field, 'Send one file, as multipart/form-data in a part named "file", and nothing else.');
        }
        throw error;
      }),
    );
  }
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
