import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('follows in-app paths only', () => {
    expect(safeReturnUrl('/lessons?week=2')).toBe('/lessons?week=2');
    expect(safeReturnUrl(undefined)).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/\\evil.example')).toBe('/');
  });
});
