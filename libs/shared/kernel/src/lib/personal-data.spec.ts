import { mentionsAny, redactIdentifiers } from './personal-data.js';

const subject = { identifiers: ['Mila Horvat', 'mila@example.test', 'Mila'], pseudonym: 'Former student 3', pseudonymEmail: 'erased-1@erased.invalid' };

describe('redactIdentifiers', () => {
  it('replaces names with the pseudonym and addresses with the placeholder in every string, ignoring case, keys and other values kept', () => {
    const { value, changed } = redactIdentifiers({ name: 'MILA HORVAT', list: ['write to Mila@Example.test', 7, null], nested: { 'Mila Horvat': 'Mila.' }, at: '2026-12-08' }, subject);
    expect(changed).toBe(true);
    expect(value).toEqual({ name: 'Former student 3', list: ['write to erased-1@erased.invalid', 7, null], nested: { 'Mila Horvat': 'Former student 3.' }, at: '2026-12-08' });
  });

  it('replaces the longest identifier first, takes identifiers literally, and says when nothing changed', () => {
    expect(redactIdentifiers('Mila Horvat and Mila', subject).value).toBe('Former student 3 and Former student 3');
    expect(redactIdentifiers('a.b', { ...subject, identifiers: ['(x)', 'a.b'] }).value).toBe('Former student 3');
    expect(redactIdentifiers('axb', { ...subject, identifiers: ['a.b'] })).toEqual({ value: 'axb', changed: false });
    expect(redactIdentifiers({ n: 1 }, { ...subject, identifiers: ['', '  '] })).toEqual({ value: { n: 1 }, changed: false });
  });

  it('finds whether a text mentions any identifier', () => {
    expect(mentionsAny('Hello MILA', ['mila'])).toBe(true);
    expect(mentionsAny('Hello', ['mila', ''])).toBe(false);
  });
});
