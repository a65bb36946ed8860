/**
 * Socket rooms. A socket joins only its own: `user:<userId>`, and an admin also
 * `school:<schoolId>:admins`. Whatever is emitted goes to the rooms of the people who
 * may read it, decided by the code that emits; a client cannot join a room itself.
 */
export const RealtimeRooms = {
  user: (userId: string) => `user:${userId}`,
  /** Every socket of one session (sign-in), to disconnect them when it ends. Nothing is emitted to it but that. */
  session: (sessionId: string) => `session:${sessionId}`,
  schoolAdmins: (schoolId: string) => `school:${schoolId}:admins`,
  /** The school of an admins' room, or null for any other room. */
  schoolOfAdminsRoom: (room: string): string | null => /^school:(.+):admins$/.exec(room)?.[1] ?? null,
} as const;
