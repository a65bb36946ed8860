import { demo, signedIn, type Client } from './client.js';
import { sleep } from './waiting.js';

export interface FollowedStudent {
  studentId: string;
  name: string;
  canLog: boolean;
}

/** The students whose practice the person follows (a teacher's appear once attendance has recorded their lessons). */
export async function followed(client: Client): Promise<FollowedStudent[]> {
  return (await client.get('/api/v1/practice/students')).body as FollowedStudent[];
}

/** The demo teacher (teacher1…teacher6) who teaches the student, signed in, and one who does not. */
export async function teachersOf(base: string, studentId: string): Promise<{ teacher: Client; stranger: Client }> {
  for (let tries = 0; tries < 100; tries++) {
    const teachers = await Promise.all([1, 2, 3, 4, 5, 6].map(async (n) => {
      const client = await signedIn(base, demo(`teacher${n}`));
      return { client, teaches: (await followed(client)).some((s) => s.studentId === studentId) };
    }));
    const teacher = teachers.find((t) => t.teaches);
    const stranger = teachers.find((t) => !t.teaches);
    if (teacher && stranger) return { teacher: teacher.client, stranger: stranger.client };
    await sleep(200);
  }
  throw new Error(`no demo teacher teaches ${studentId} (or every one does)`);
}

/** A date `days` before today (UTC), `YYYY-MM-DD`. */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
