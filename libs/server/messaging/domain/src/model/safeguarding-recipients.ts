/** A school's admin as the flag rule sees them: whether they are a designated safeguarding lead. */
export interface SafeguardingCandidate {
  safeguardingLead: boolean;
}

/**
 * Who receives a school's safeguarding flags (the push, the notification, the open-flags counter):
 * its designated safeguarding lead(s), or every admin when the school has designated none, so a
 * flag always reaches someone who can act on it. `admins` are the school's admins; the answer keeps
 * their order. The one owner of this rule: notifications, the socket's pushes and the dashboards'
 * counters all ask it.
 */
export function safeguardingRecipients<T extends SafeguardingCandidate>(admins: readonly T[]): T[] {
  const leads = admins.filter((admin) => admin.safeguardingLead);
  return leads.length > 0 ? leads : [...admins];
}
