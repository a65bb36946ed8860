import { inWords, listTime, messageTime, nameOf, participantNames, seenBy, threadTitle, unreadTotal } from './inbox-format';

const names = new Map([
  ['t', 'Tess Teacher'],
  ['p', 'Pat Parent'],
  ['m', 'Mia Minor'],
]);

describe('inbox wording', () => {
  it('names people, the viewer as You and strangers as Someone', () => {
    expect(nameOf(names, 't')).toBe('Tess Teacher');
    expect(nameOf(names, 'p', 'p')).toBe('You');
    expect(nameOf(names, 'x')).toBe('Someone');
    expect(inWords([])).toBe('');
    expect(inWords(['A'])).toBe('A');
    expect(inWords(['A', 'B'])).toBe('A and B');
    expect(inWords(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('titles a thread by its subject, else by the other people', () => {
    expect(threadTitle({ subject: 'Grade 3', participantIds: ['p', 't'] }, names, 'p')).toBe('Grade 3');
    expect(threadTitle({ subject: '  ', participantIds: ['p', 't', 'm'] }, names, 'p')).toBe('Tess Teacher and Mia Minor');
    expect(participantNames({ participantIds: ['p'] }, names, 'p')).toBe('Only you');
  });

  it('says who has seen a message: readers at or past it, never its author or the viewer', () => {
    const receipts = [
      { userId: 't', lastReadSeq: 3, readAt: '' },
      { userId: 'm', lastReadSeq: 2, readAt: '' },
      { userId: 'p', lastReadSeq: 3, readAt: '' },
    ];
    expect(seenBy(2, 'p', receipts, names, 'p')).toBe('Seen by Mia Minor and Tess Teacher');
    expect(seenBy(3, 'p', receipts, names, 'p')).toBe('Seen by Tess Teacher');
    expect(seenBy(3, 't', receipts, names, 'p')).toBe('');
    expect(seenBy(4, 'p', receipts, names, 'p')).toBe('');
  });

  it('adds up unread counts', () => {
    expect(unreadTotal([{ unreadCount: 2 }, { unreadCount: 0 }, { unreadCount: 5 }])).toBe(7);
    expect(unreadTotal([])).toBe(0);
  });

  it('shows times in the viewer’s zone: the time today, the day otherwise', () => {
    const now = new Date('2030-07-01T12:00:00Z');
    expect(messageTime('2030-07-01T09:05:00Z', 'Europe/London', now)).toBe('10:05');
    expect(messageTime('2030-06-28T09:05:00Z', 'Europe/London', now)).toBe('Fri 28 Jun, 10:05');
    expect(messageTime('2030-07-01T09:05:00Z', 'America/New_York', now)).toBe('05:05');
    expect(listTime('2030-06-28T09:05:00Z', 'Europe/London', now)).toBe('28 Jun');
    expect(listTime(null, 'Europe/London', now)).toBe('');
  });
});
