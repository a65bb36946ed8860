import { chooseEncoding, etagFor, matchesEtag } from './calendar-negotiation.js';

/** A request that accepts exactly the listed encodings, as express's `acceptsEncodings(one)` answers. */
const accepting = (...encodings: string[]) => ({ acceptsEncodings: (one: string) => (encodings.includes(one) ? one : false) }) as Parameters<typeof chooseEncoding>[0];

describe('calendar content negotiation', () => {
  it('prefers brotli, then gzip, then the plain JSON', () => {
    expect(chooseEncoding(accepting('gzip', 'br'))).toBe('br');
    expect(chooseEncoding(accepting('gzip'))).toBe('gzip');
    expect(chooseEncoding(accepting())).toBe('identity');
  });

  it('gives each encoding its own strong ETag', () => {
    const answer = { etag: '"abc"' };
    expect(etagFor(answer, 'identity')).toBe('"abc"');
    expect(etagFor(answer, 'gzip')).toBe('"abc-gz"');
    expect(etagFor(answer, 'br')).toBe('"abc-br"');
  });

  it('matches If-None-Match by weak comparison, in a list, or `*`', () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('W/"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('"x", "abc-gz"', '"abc-gz"')).toBe(true);
    expect(matchesEtag('*', '"abc"')).toBe(true);
    expect(matchesEtag('"abc"', '"abc-gz"')).toBe(false);
    expect(matchesEtag(undefined, '"abc"')).toBe(false);
  });
});
