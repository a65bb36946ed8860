import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentStoreContract, InMemoryAttachmentStore } from '@cadenza/server/messaging/domain/testing';
import { StorageConfig } from '@cadenza/server/platform/config';
import { newId, type SchoolId } from '@cadenza/shared/kernel';
import { DiskAttachmentStore } from './disk-attachment-store.js';

attachmentStoreContract('in memory', async () => ({ store: new InMemoryAttachmentStore() }));

attachmentStoreContract('on disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cadenza-attachments-'));
  return { store: new DiskAttachmentStore(new StorageConfig(dir)), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('the disk attachment store', () => {
  it('lays files out by school and hash, leaving no temporary files behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cadenza-attachments-'));
    try {
      const school = newId<SchoolId>();
      const store = new DiskAttachmentStore(new StorageConfig(dir));
      const { sha256 } = await store.put(school, new TextEncoder().encode('score.pdf bytes'));
      await store.put(school, new TextEncoder().encode('score.pdf bytes'));
      expect(await readdir(join(dir, school, sha256.slice(0, 2)))).toEqual([sha256]);
      await expect(store.put('../escape' as SchoolId, new Uint8Array([1]))).rejects.toThrow(/UUID/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
