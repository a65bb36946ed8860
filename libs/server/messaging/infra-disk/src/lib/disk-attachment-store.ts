import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Module } from '@nestjs/common';
import { AttachmentStore } from '@cadenza/server/messaging/domain';
import { StorageConfig } from '@cadenza/server/platform/config';
import type { SchoolId } from '@cadenza/shared/kernel';

const SHA256 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Attachment bytes on the local disk, under `<root>/<school id>/<first two hex digits>/<sha-256>`.
 * Paths are built only from the school's UUID and the hash the store computed itself, both checked
 * against strict patterns, so no name a person chose ever reaches the file system. A write goes to a
 * temporary file renamed into place, so a reader never sees half a file and two writers of the same
 * bytes leave one whole copy.
 */
@Injectable()
export class DiskAttachmentStore extends AttachmentStore {
  private readonly root: string;

  constructor(@Inject(StorageConfig) config: StorageConfig) {
    super();
    this.root = resolve(config.attachmentsDir);
  }

  private pathOf(schoolId: SchoolId, sha256: string): string | null {
    if (!UUID.test(schoolId) || !SHA256.test(sha256)) return null;
    return join(this.root, schoolId.toLowerCase(), sha256.slice(0, 2), sha256);
  }

  async put(schoolId: SchoolId, bytes: Uint8Array): Promise<{ sha256: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(schoolId, sha256);
    if (!path) throw new Error('A school id must be a UUID.');
    const existing = await stat(path).catch(() => null);
    if (existing?.isFile() && existing.size === bytes.length) return { sha256 };
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, path);
    return { sha256 };
  }

  async get(schoolId: SchoolId, sha256: string): Promise<Uint8Array | null> {
    const path = this.pathOf(schoolId, sha256);
    if (!path) return null;
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(schoolId: SchoolId, sha256: string): Promise<void> {
    const path = this.pathOf(schoolId, sha256);
    if (path) await rm(path, { force: true });
  }
}

/** Messaging's attachment bytes on the local disk (the directory comes from `StorageConfig`). */
@Module({ providers: [{ provide: AttachmentStore, useClass: DiskAttachmentStore }], exports: [AttachmentStore] })
export class MessagingDiskModule {}
