import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Attachment } from '../model/attachment.js';
import type { MessageId, ThreadId } from '../model/ids.js';
import type { AttachmentRepository } from '../ports/index.js';

/**
 * The repository as the school `schoolId` sees it, with a thread and an uploader that exist there.
 * `newMessage` makes a message in that thread (the real adapter's foreign keys need one).
 */
export interface AttachmentRepositorySubject {
  repo: AttachmentRepository;
  schoolId: SchoolId;
  threadId: ThreadId;
  uploaderId: UserId;
  newMessage: () => Promise<MessageId>;
  cleanup?: () => Promise<void>;
}

const randomSha = () => [...globalThis.crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The contract of `AttachmentRepository`, run against the in-memory fake and the MikroORM adapter. */
export function attachmentRepositoryContract(name: string, setup: () => Promise<AttachmentRepositorySubject>): void {
  describe(`AttachmentRepository contract: ${name}`, () => {
    let s: AttachmentRepositorySubject;
    let at = Date.parse('2026-03-02T09:00:00Z');
    const make = (sha256 = randomSha(), fileName = 'scales.pdf') =>
      Attachment.create({ schoolId: s.schoolId, threadId: s.threadId, uploadedBy: s.uploaderId, name: fileName, contentType: 'application/pdf', size: 42, sha256, now: new Date((at += 1000)) });

    beforeAll(async () => {
      s = await setup();
    });
    afterAll(async () => {
      await s?.cleanup?.();
    });

    it('round-trips every field through add and byId, and answers null for an unknown id', async () => {
      const a = make(undefined, 'Étude n°3.pdf');
      await s.repo.add(a);
      expect((await s.repo.byId(a.id))?.snapshot()).toEqual(a.snapshot());
      expect(await s.repo.byId(newId())).toBeNull();
    });

    it('attaches only what is not attached yet, once', async () => {
      const [a, b] = [make(), make()];
      await s.repo.add(a);
      await s.repo.add(b);
      const [first, second] = [await s.newMessage(), await s.newMessage()];
      expect(await s.repo.attach([a.id], first)).toBe(1);
      expect(await s.repo.attach([a.id, b.id], second)).toBe(1);
      expect((await s.repo.byId(a.id))?.messageId).toBe(first);
      expect((await s.repo.byId(b.id))?.messageId).toBe(second);
      expect(await s.repo.attach([], second)).toBe(0);
    });

    it('lists the attachments of messages in upload order, and counts references to bytes', async () => {
      const sha = randomSha();
      const [a, b, loose] = [make(sha), make(sha), make(sha)];
      for (const x of [a, b, loose]) await s.repo.add(x);
      const message = await s.newMessage();
      await s.repo.attach([b.id, a.id], message);
      expect((await s.repo.ofMessages([message])).map((x) => x.id)).toEqual([a.id, b.id]);
      expect(await s.repo.ofMessages([])).toEqual([]);
      expect(await s.repo.countBySha256(sha)).toBe(3);
      expect(await s.repo.countBySha256(randomSha())).toBe(0);
    });

    it('counts a person’s uploads since a moment', async () => {
      const from = new Date(at + 1);
      await s.repo.add(make());
      await s.repo.add(make());
      expect(await s.repo.countUploadedSince(s.uploaderId, from)).toBe(2);
      expect(await s.repo.countUploadedSince(s.uploaderId, new Date(at + 1))).toBe(0);
      expect(await s.repo.countUploadedSince(newId<UserId>(), from)).toBe(0);
    });
  });
}
