import { createHash } from 'node:crypto';
import { Inject, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AttachmentStore } from '@cadenza/server/messaging/domain';
import { StorageConfig, type S3Storage } from '@cadenza/server/platform/config';
import type { SchoolId } from '@cadenza/shared/kernel';

const SHA256 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The S3 client for a bucket's settings, with the checksums every S3-compatible server understands. */
export function s3ClientFor(settings: S3Storage): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Newer SDKs add CRC checksums (and chunked uploads) to every request; MinIO and older
    // S3-compatible servers do not all read them. Send and check them only where S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

/**
 * Attachment bytes in an S3-compatible bucket, under `<prefix><school id>/<first two hex digits>/<sha-256>`,
 * so every api instance sees the same files without a shared file system. Keys are built only from the
 * school's UUID and the hash the store computed itself, both checked against strict patterns, so no
 * name a person chose ever becomes a key. An object is written whole or not at all (S3 has no partial
 * objects), so two writers of the same bytes leave one whole copy.
 */
@Injectable()
export class S3AttachmentStore extends AttachmentStore implements OnModuleDestroy {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(@Inject(StorageConfig) config: StorageConfig) {
    super();
    if (!config.s3) throw new Error('The S3 attachment store needs S3_BUCKET.');
    this.client = s3ClientFor(config.s3);
    this.bucket = config.s3.bucket;
    this.prefix = config.s3.keyPrefix && !config.s3.keyPrefix.endsWith('/') ? `${config.s3.keyPrefix}/` : config.s3.keyPrefix;
  }

  private keyOf(schoolId: SchoolId, sha256: string): string | null {
    if (!UUID.test(schoolId) || !SHA256.test(sha256)) return null;
    return `${this.prefix}${schoolId.toLowerCase()}/${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(schoolId: SchoolId, bytes: Uint8Array): Promise<{ sha256: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = this.keyOf(schoolId, sha256);
    if (!key) throw new Error('A school id must be a UUID.');
    const existing = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (existing?.ContentLength === bytes.length) return { sha256 };
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: 'application/octet-stream' }));
    return { sha256 };
  }

  async get(schoolId: SchoolId, sha256: string): Promise<Uint8Array | null> {
    const key = this.keyOf(schoolId, sha256);
    if (!key) return null;
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(schoolId: SchoolId, sha256: string): Promise<void> {
    const key = this.keyOf(schoolId, sha256);
    if (key) await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}

/** No such object: `NoSuchKey` from a read, a bare `NotFound` from a HEAD. A missing bucket is an error, not an absence. */
function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}

/** Messaging's attachment bytes in an S3-compatible bucket (the bucket and endpoint come from `StorageConfig`). */
@Module({ providers: [{ provide: AttachmentStore, useClass: S3AttachmentStore }], exports: [AttachmentStore] })
export class MessagingS3Module {}
