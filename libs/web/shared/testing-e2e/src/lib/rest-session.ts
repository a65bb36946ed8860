import { DEMO_PASSWORD } from './journeys.js';

/** One REST call as a signed-in person: the answer's JSON, or an error naming the call and its status. */
export type RestCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** One REST call that answers its status and body, refusals included. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are read field by field
export type RestReply = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** A REST session of a demo person that answers every status, for journeys that look at refusals too. */
export async function restAs(base: string, email: string, password = DEMO_PASSWORD): Promise<RestReply> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async (method, path, body) => {
    const reply = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await reply.text();
    return { status: reply.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** A REST session of a demo person on the running Cadenza at `base`, for arranging data a journey is not about. */
export async function apiAs(base: string, email: string, password = DEMO_PASSWORD): Promise<RestCall> {
  const rest = await restAs(base, email, password);
  return async <T>(method: string, path: string, body?: unknown) => {
    const reply = await rest(method, path, body);
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body as T;
  };
}

/**
 * Books a lesson that started two minutes ago and lasts 45 minutes, as an admin, making room in the demo timetable
 * first where one of its people is busy then (cancelling that lesson, as the office would), and waits until attendance
 * knows of it (it learns from scheduling's events a moment after the booking). Answers the lesson's id.
 */
export async function bookLessonNow(admin: RestReply, people: { teacherId: string; studentIds: string[] }, reason: string): Promise<string> {
  const start = Date.now() - 2 * 60_000;
  const booking = { ...people, start: new Date(start).toISOString(), end: new Date(start + 45 * 60_000).toISOString(), override: { reason } };
  let booked = await admin('POST', '/lessons', booking);
  if (booked.status === 409) {
    const busy = new Set<string>((booked.body.conflicts ?? []).filter((c: { severity: string; id?: string }) => c.severity === 'hard' && c.id).map((c: { id: string }) => c.id));
    for (const id of busy) await admin('POST', `/lessons/${id}/cancel`, { reason: `Making room: ${reason}` });
    booked = await admin('POST', '/lessons', booking);
  }
  if (booked.status !== 201) throw new Error(`booking: ${booked.status} ${JSON.stringify(booked.body)}`);
  const lessonId = booked.body.id as string;
  for (let tries = 0; (await admin('GET', `/attendance/lessons/${lessonId}`)).status !== 200; tries++) {
    if (tries > 100) throw new Error('attendance never learnt of the lesson');
    await new Promise((r) => setTimeout(r, 100));
  }
  return lessonId;
}
