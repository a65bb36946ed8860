import { newId, type SchoolId } from '@cadenza/shared/kernel';
import type { AttachmentStore } from '../ports/index.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
/** SHA-256 of "hello\n", as `sha256sum` prints it. */
const HELLO_SHA256 = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';

/** The contract of `AttachmentStore`, run against the in-memory fake and the disk adapter. */
export function attachmentStoreContract(name: string, setup: () => Promise<{ store: AttachmentStore; cleanup?: () => Promise<void> }>): void {
  describe(`AttachmentStore contract: ${name}`, () => {
    let store: AttachmentStore;
    let cleanup: (() => Promise<void>) | undefined;
    const school = newId<SchoolId>();
    const otherSchool = newId<SchoolId>();

    beforeEach(async () => {
      ({ store, cleanup } = await setup());
    });
    afterEach(async () => {
      await cleanup?.();
    });

    it('addresses bytes by their SHA-256 and gives them back unchanged', async () => {
      const { sha256 } = await store.put(school, bytesOf('hello\n'));
      expect(sha256).toBe(HELLO_SHA256);
      expect(new TextDecoder().decode((await store.get(school, sha256)) ?? new Uint8Array())).toBe('hello\n');
      const binary = new Uint8Array(256).map((_, i) => i);
      const second = await store.put(school, binary);
      expect([...((await store.get(school, second.sha256)) ?? [])]).toEqual([...binary]);
    });

    it('keeps one copy of the same bytes, and keeps schools apart', async () => {
      const a = await store.put(school, bytesOf('same'));
      const b = await store.put(school, bytesOf('same'));
      expect(b.sha256).toBe(a.sha256);
      expect(await store.get(otherSchool, a.sha256)).toBeNull();
    });

    it('removes bytes, and removing twice is harmless', async () => {
      const { sha256 } = await store.put(school, bytesOf('to go'));
      await store.remove(school, sha256);
      await store.remove(school, sha256);
      expect(await store.get(school, sha256)).toBeNull();
    });

    it('answers null for anything that is not a SHA-256 it holds, never reading a path from it', async () => {
      expect(await store.get(school, 'a'.repeat(64))).toBeNull();
      expect(await store.get(school, '../../etc/passwd')).toBeNull();
      expect(await store.get(school, `${'a'.repeat(60)}/../x`)).toBeNull();
      await expect(store.remove(school, '../secret')).resolves.toBeUndefined();
    });
  });
}
