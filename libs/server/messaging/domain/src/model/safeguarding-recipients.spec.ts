import { safeguardingRecipients } from './safeguarding-recipients.js';

const admin = (id: string, safeguardingLead = false) => ({ id, safeguardingLead });

describe('safeguardingRecipients', () => {
  it('sends flags to the designated lead only, not to the other admins', () => {
    expect(safeguardingRecipients([admin('a1'), admin('lead', true), admin('a2')]).map((a) => a.id)).toEqual(['lead']);
  });

  it('sends them to every designated lead when there are several', () => {
    expect(safeguardingRecipients([admin('l1', true), admin('a1'), admin('l2', true)]).map((a) => a.id)).toEqual(['l1', 'l2']);
  });

  it('sends them to every admin when the school has no lead', () => {
    expect(safeguardingRecipients([admin('a1'), admin('a2')]).map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('names no one in a school without admins', () => {
    expect(safeguardingRecipients([])).toEqual([]);
  });

  it('hands back a list of its own, never the one it was given', () => {
    const admins = [admin('a1')];
    const recipients = safeguardingRecipients(admins);
    recipients.push(admin('x'));
    expect(admins).toHaveLength(1);
  });
});
