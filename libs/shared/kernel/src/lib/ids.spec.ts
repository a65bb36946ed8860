import { isUuid, newId, type UserId } from './ids.js';

describe('ids', () => {
  it('makes distinct UUIDs', () => {
    const a = newId<UserId>();
    const b = newId<UserId>();
    expect(isUuid(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(isUuid('nope')).toBe(false);
  });
});
