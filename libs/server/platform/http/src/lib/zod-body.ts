import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from '@cadenza/shared/kernel';

interface FieldProblem {
  field: string;
  message: string;
}

const UNSTORABLE_TEXT = 'Text may not contain NUL characters or unpaired UTF-16 surrogates.';

/** True for text PostgreSQL cannot store (a NUL) or that is not Unicode (a lone surrogate). */
function unstorable(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed();
}

/**
 * Every string in the input (values and field names, at any depth) that cannot be stored,
 * by its path. Checked on the raw input before the schema, so it holds for every field of
 * every body, query and path, whatever the schema says.
 */
function unstorableFields(value: unknown, path: string[] = [], found: FieldProblem[] = []): FieldProblem[] {
  const field = () => path.join('.') || '(body)';
  if (typeof value === 'string') {
    if (unstorable(value)) found.push({ field: field(), message: UNSTORABLE_TEXT });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableFields(item, [...path, String(i)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (unstorable(key)) found.push({ field: field(), message: `A field name: ${UNSTORABLE_TEXT}` });
      else unstorableFields(item, [...path, key], found);
    }
  }
  return found;
}

function invalid(fields: FieldProblem[]): DomainError {
  return new DomainError('VALIDATION.INVALID', 'invalid', `Check ${fields.map((f) => f.field).join(', ')}.`, { fields });
}

/**
 * Validates a body, query or param against a schema from `contracts`. Strict
 * schemas reject unknown fields; every problem names its field. Text that cannot be
 * stored (NUL, lone surrogates) is refused in any field before the schema runs.
 */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown, _metadata: ArgumentMetadata): z.infer<S> {
    const unsafe = unstorableFields(value);
    if (unsafe.length > 0) throw invalid(unsafe);
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
    throw invalid(fields);
  }
}

export const validate = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);
