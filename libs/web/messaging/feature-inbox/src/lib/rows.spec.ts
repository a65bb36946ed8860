import { aDetail, aSummary } from '@cadenza/web/messaging/data-access/testing';
import { bodyError, hitRows, messageRows, myLastRead, threadRows, type Viewer } from './rows';

const viewer: Viewer = {
  meId: 'me',
  names: new Map([
    ['teacher', 'Tess Teacher'],
    ['child', 'Mia Minor'],
  ]),
  timeZone: 'Europe/London',
  now: new Date('2030-01-07T12:00:00Z'),
};

describe('inbox rows', () => {
  it('lists threads by subject (people underneath) or by people (kind underneath), with unread counts', () => {
    const rows = threadRows(
      [
        aSummary({ id: 'a', subject: 'Grade 3', participantIds: ['me', 'teacher', 'child'], lastMessageAt: '2030-01-07T10:30:00Z', unreadCount: 2 }),
        aSummary({ id: 'b', kind: 'direct', subject: null, participantIds: ['me', 'teacher'], createdAt: '2030-01-03T10:30:00Z' }),
      ],
      viewer,
    );
    expect(rows).toEqual([
      expect.objectContaining({ id: 'a', title: 'Grade 3', subtitle: 'Tess Teacher and Mia Minor', time: '10:30', unread: 2 }),
      expect.objectContaining({ id: 'b', title: 'Tess Teacher', subtitle: 'Private', time: '3 Jan', unread: 0 }),
    ]);
  });

  it('shows messages in order, with authors, You, edits and who has seen them', () => {
    const detail = aDetail({
      messages: [
        { id: 'm2', threadId: 't-1', seq: 2, authorId: 'teacher', body: 'Yes', sentAt: '2030-01-07T10:01:00Z', version: 2, editedAt: '2030-01-07T10:02:00Z', previousVersions: [{ version: 1, body: 'Yes?', at: '2030-01-07T10:01:00Z' }], attachments: [] },
        { id: 'm1', threadId: 't-1', seq: 1, authorId: 'me', body: 'Scales?', sentAt: '2030-01-07T10:00:00Z', version: 1, editedAt: null, previousVersions: [], attachments: [] },
      ],
      receipts: [
        { userId: 'teacher', lastReadSeq: 2, readAt: '2030-01-07T10:01:00Z' },
        { userId: 'me', lastReadSeq: 1, readAt: '2030-01-07T10:00:00Z' },
      ],
    });
    expect(messageRows(detail, viewer)).toEqual([
      expect.objectContaining({ id: 'm1', authorName: 'You', mine: true, body: 'Scales?', time: '10:00', edited: false, seenBy: 'Seen by Tess Teacher' }),
      expect.objectContaining({ id: 'm2', authorName: 'Tess Teacher', mine: false, edited: true, seenBy: '' }),
    ]);
    expect(myLastRead(detail, 'me')).toBe(1);
    expect(myLastRead(detail, 'child')).toBe(0);
  });

  it('turns search hits into lines pointing at their threads', () => {
    const rows = hitRows(
      [{ threadId: 'a', messageId: 'm', seq: 3, authorId: 'teacher', body: 'Bring the scales book', sentAt: '2030-01-06T09:00:00Z' }],
      [aSummary({ id: 'a', subject: 'Grade 3' })],
      viewer,
    );
    expect(rows).toEqual([expect.objectContaining({ id: 'a', title: 'Grade 3', subtitle: 'Tess Teacher: Bring the scales book', time: '6 Jan', messageId: 'm' })]);
  });

  it('puts the server’s refusal of a message under the composer: the field’s words, else the detail', () => {
    expect(bodyError({ title: 'Invalid', detail: 'Check the fields.', errors: [{ field: 'body', message: 'Enter some text.' }] })).toBe('Enter some text.');
    expect(bodyError({ title: 'Too many messages', detail: 'Wait a minute.' })).toBe('Wait a minute.');
    expect(bodyError({ title: 'Not found' })).toBe('Not found');
    expect(bodyError(null)).toBeNull();
  });
});
