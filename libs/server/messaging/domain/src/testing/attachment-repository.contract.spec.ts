import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { MessageId, ThreadId } from '../model/ids.js';
import { attachmentRepositoryContract } from './attachment-repository.contract.js';
import { InMemoryAttachments } from './in-memory.js';

attachmentRepositoryContract('in memory', async () => ({
  repo: new InMemoryAttachments(),
  schoolId: newId<SchoolId>(),
  threadId: newId<ThreadId>(),
  uploaderId: newId<UserId>(),
  newMessage: async () => newId<MessageId>(),
}));
