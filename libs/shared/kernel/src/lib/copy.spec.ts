import { copyData } from './copy.js';

describe('copyData', () => {
  it('copies nested data with real dates and shares nothing', () => {
    const original = { at: new Date('2026-11-23T10:00:00Z'), list: [{ n: 1 }], none: null };
    const copy = copyData(original);
    expect(copy).toEqual(original);
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(original.at);
    copy.list[0].n = 2;
    expect(original.list[0].n).toBe(1);
  });
});
