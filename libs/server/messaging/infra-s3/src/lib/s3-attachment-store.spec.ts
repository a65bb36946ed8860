import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { attachmentStoreContract } from '@cadenza/server/messaging/domain/testing';
import { StorageConfig, type S3Storage } from '@cadenza/server/platform/config';
import { startLocalS3, type LocalS3 } from '@cadenza/server/testing';
import { newId, type SchoolId } from '@cadenza/shared/kernel';
import { S3AttachmentStore, s3ClientFor } from './s3-attachment-store.js';

let s3: LocalS3;
let buckets = 0;

beforeAll(async () => {
  s3 = await startLocalS3();
}, 30_000);
afterAll(() => s3?.stop());

/** Settings for a new, empty bucket on the local server. */
async function freshBucket(keyPrefix = ''): Promise<S3Storage> {
  const settings: S3Storage = { bucket: `attachments-${++buckets}`, endpoint: s3.endpoint, region: 'us-east-1', credentials: s3.credentials, forcePathStyle: true, keyPrefix };
  const client = s3ClientFor(settings);
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  client.destroy();
  return settings;
}

const storeOn = (settings: S3Storage) => new S3AttachmentStore(new StorageConfig('unused', 's3', settings));

attachmentStoreContract('in an S3-compatible bucket', async () => {
  const store = storeOn(await freshBucket());
  return { store, cleanup: async () => store.onModuleDestroy() };
});

describe('the S3 attachment store', () => {
  it('lays objects out by prefix, school and hash, and one copy serves every instance', async () => {
    const settings = await freshBucket('deployment-a');
    const school = newId<SchoolId>();
    const first = storeOn(settings);
    const second = storeOn(settings);
    try {
      const { sha256 } = await first.put(school, new TextEncoder().encode('score.pdf bytes'));
      await second.put(school, new TextEncoder().encode('score.pdf bytes'));
      expect(new TextDecoder().decode((await second.get(school, sha256)) ?? new Uint8Array())).toBe('score.pdf bytes');
      const client = s3ClientFor(settings);
      const listed = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket }));
      client.destroy();
      expect(listed.Contents?.map((o) => o.Key)).toEqual([`deployment-a/${school}/${sha256.slice(0, 2)}/${sha256}`]);
      await expect(first.put('../escape' as SchoolId, new Uint8Array([1]))).rejects.toThrow(/UUID/);
    } finally {
      first.onModuleDestroy();
      second.onModuleDestroy();
    }
  }, 15_000);

  it('fails loudly when the bucket is not there, rather than losing files', async () => {
    const store = storeOn({ ...(await freshBucket()), bucket: 'no-such-bucket' });
    try {
      await expect(store.put(newId<SchoolId>(), new Uint8Array([1, 2, 3]))).rejects.toThrow(/bucket/i);
      await expect(store.get(newId<SchoolId>(), 'a'.repeat(64))).rejects.toThrow(/bucket/i);
    } finally {
      store.onModuleDestroy();
    }
  }, 15_000);
});
