import { z } from 'zod';
import { DomainError } from '@cadenza/shared/kernel';
import { validate } from './zod-body.js';

const Schema = z.strictObject({ name: z.string(), tags: z.array(z.string()).default([]), note: z.object({ text: z.string() }).optional() });

function refusal(value: unknown): DomainError {
  try {
    validate(Schema).transform(value, { type: 'body' });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const fields = (error: DomainError) => (error.details?.fields ?? []).map((f) => f.field);

describe('validate', () => {
  it('refuses a NUL character in any string field, naming the field', () => {
    const error = refusal({ name: 'a\u0000b', tags: ['ok', 'x\u0000'], note: { text: '\u0000' } });
    expect(error).toMatchObject({ code: 'VALIDATION.INVALID', kind: 'invalid' });
    expect(fields(error)).toEqual(['name', 'tags.1', 'note.text']);
  });

  it('refuses lone UTF-16 surrogates, high or low, and field names carrying them', () => {
    expect(fields(refusal({ name: 'a\ud800' }))).toEqual(['name']);
    expect(fields(refusal({ name: '\udc00a' }))).toEqual(['name']);
    expect(fields(refusal({ name: 'ok', note: { ['k\ud800']: 'v' } }))).toEqual(['note']);
  });

  it('checks before the schema, so even a field the schema would refuse is named for its text', () => {
    expect(fields(refusal({ name: 'ok', extra: 'a\u0000' }))).toEqual(['extra']);
  });

  it('takes text outside the basic plane (surrogate pairs) and other control-free text', () => {
    expect(validate(Schema).transform({ name: 'Violin 🎻 – Ünïcode', tags: ['𝄞'] }, { type: 'body' })).toEqual({ name: 'Violin 🎻 – Ünïcode', tags: ['𝄞'] });
  });
});
