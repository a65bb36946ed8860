import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from '@cadenza/shared/kernel';

/**
 * Validates a body, query or param against a schema from `contracts`. Strict
 * schemas reject unknown fields; every problem names its field.
 */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, _metadata: ArgumentMetadata): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) {
      return result.data;
    }
    const fields = result.error.issues.map((issue) => {
      const unknownKeys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : null;
      const path = issue.path.map(String).join('.');
      return unknownKeys
        ? { field: [path, unknownKeys[0]].filter(Boolean).join('.'), message: `Unknown field${unknownKeys.length > 1 ? 's' : ''}: ${unknownKeys.join(', ')}.` }
        : { field: path || '(body)', message: issue.message };
    });
    throw new DomainError('VALIDATION.INVALID', 'invalid', `Check ${fields.map((f) => f.field).join(', ')}.`, { fields });
  }
}

export const validate = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);
