/** True when every conflict is soft, so that an admin may override them with a reason. */
export function onlySoftConflicts(conflicts: readonly { severity: 'hard' | 'soft' }[]): boolean {
  return conflicts.length > 0 && conflicts.every((c) => c.severity === 'soft');
}

/** Labels for the contracts' CONFLICT_KINDS. */
export const CONFLICT_LABELS: Readonly<Record<string, string>> = {
  teacher: 'Teacher busy',
  student: 'Student busy',
  room: 'Room taken',
  accompanist: 'Accompanist busy',
  buffer: 'Too close to another lesson',
  closure: 'School closed',
  outside_term: 'Outside the term',
  outside_availability: 'Outside availability',
};
