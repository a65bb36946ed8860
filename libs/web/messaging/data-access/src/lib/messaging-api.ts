import { HttpClient, HttpParams, type HttpEvent } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  FlagStatus,
  MessageFlag,
  MessageSearchHit,
  MessagingContact,
  MessagingPolicy,
  PersonMessagesSummary,
  ReadReceipt,
  ReviewFlagRequest,
  StartThreadRequest,
  Thread,
  ThreadDetail,
  ThreadMessage,
  ThreadSummary,
  Transcript,
  UpdateMessagingPolicyRequest,
  UploadedAttachment,
} from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

/** Messaging endpoints, under /api/v1 (see libs/shared/contracts/src/lib/messaging.ts). */
export const MESSAGING_API = {
  threads: `${API_BASE}/threads`,
  contacts: `${API_BASE}/threads/contacts`,
  search: `${API_BASE}/threads/search`,
  flags: `${API_BASE}/threads/flags`,
  policy: `${API_BASE}/messaging/policy`,
  people: `${API_BASE}/people`,
} as const;

/** The messaging REST API, one method per endpoint. Errors are left to the caller (problem details name the field). */
@Injectable({ providedIn: 'root' })
export class MessagingApi {
  private readonly http = inject(HttpClient);

  /** The caller's threads, latest activity first; `overseen` lists the threads under the lead's oversight instead. */
  threads(overseen = false): Observable<ThreadSummary[]> {
    return this.http.get<ThreadSummary[]>(MESSAGING_API.threads, { params: overseen ? new HttpParams().set('overseen', 'true') : undefined });
  }
  thread(id: string): Observable<ThreadDetail> {
    return this.http.get<ThreadDetail>(`${MESSAGING_API.threads}/${id}`, { params: new HttpParams().set('limit', '200') });
  }
  contacts(): Observable<MessagingContact[]> {
    return this.http.get<MessagingContact[]>(MESSAGING_API.contacts);
  }
  startThread(body: StartThreadRequest): Observable<Thread> {
    return this.http.post<Thread>(MESSAGING_API.threads, body);
  }
  /** Posts a message; `attachmentIds` are the caller's uploads to this thread not yet on a message. */
  post(threadId: string, body: string, attachmentIds: readonly string[] = []): Observable<ThreadMessage> {
    return this.http.post<ThreadMessage>(`${MESSAGING_API.threads}/${threadId}/messages`, attachmentIds.length ? { body, attachmentIds } : { body });
  }
  /** Uploads one file (multipart, one part `file`), reporting progress as HTTP events. */
  upload(threadId: string, file: File): Observable<HttpEvent<UploadedAttachment>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<UploadedAttachment>(`${MESSAGING_API.threads}/${threadId}/attachments`, form, { observe: 'events', reportProgress: true });
  }
  /** An attachment's bytes, fetched with the access token (never a token in a URL). */
  attachment(threadId: string, attachmentId: string): Observable<Blob> {
    return this.http.get(`${MESSAGING_API.threads}/${threadId}/attachments/${attachmentId}`, { responseType: 'blob' });
  }
  edit(threadId: string, messageId: string, body: string): Observable<ThreadMessage> {
    return this.http.patch<ThreadMessage>(`${MESSAGING_API.threads}/${threadId}/messages/${messageId}`, { body });
  }
  markRead(threadId: string, upToSeq?: number): Observable<ReadReceipt> {
    return this.http.post<ReadReceipt>(`${MESSAGING_API.threads}/${threadId}/read`, upToSeq === undefined ? {} : { upToSeq });
  }
  flag(threadId: string, messageId: string, reason: string): Observable<MessageFlag> {
    return this.http.post<MessageFlag>(`${MESSAGING_API.threads}/${threadId}/messages/${messageId}/flags`, { reason });
  }
  search(q: string): Observable<MessageSearchHit[]> {
    return this.http.get<MessageSearchHit[]>(MESSAGING_API.search, { params: new HttpParams().set('q', q).set('limit', '50') });
  }
  /** The safeguarding lead's queue (newest first): every flag, or the open or reviewed ones only. */
  flags(status?: FlagStatus): Observable<MessageFlag[]> {
    return this.http.get<MessageFlag[]>(MESSAGING_API.flags, { params: status ? new HttpParams().set('status', status) : undefined });
  }
  /** The lead reviews an open flag: an outcome and a note. */
  reviewFlag(flagId: string, review: ReviewFlagRequest): Observable<MessageFlag> {
    return this.http.post<MessageFlag>(`${MESSAGING_API.flags}/${flagId}/review`, review);
  }
  /** A person's messages in summary (admins): how many conversations, the latest message, and those the caller may open. */
  personMessages(personId: string): Observable<PersonMessagesSummary> {
    return this.http.get<PersonMessagesSummary>(`${MESSAGING_API.people}/${personId}/messages`);
  }
  /** The lead's JSON transcript, every version and flag included. */
  transcript(threadId: string): Observable<Transcript> {
    return this.http.get<Transcript>(`${MESSAGING_API.threads}/${threadId}/transcript`);
  }

  /** The same transcript as a printable PDF (audited like the JSON export). */
  transcriptPdf(threadId: string): Observable<Blob> {
    return this.http.get(`${MESSAGING_API.threads}/${threadId}/transcript.pdf`, { responseType: 'blob' });
  }

  /** The school's messaging policy (any member may read it). */
  policy(): Observable<MessagingPolicy> {
    return this.http.get<MessagingPolicy>(MESSAGING_API.policy);
  }
  /** Admins: changes some of the policy; the answer is the whole policy. */
  updatePolicy(change: UpdateMessagingPolicyRequest): Observable<MessagingPolicy> {
    return this.http.patch<MessagingPolicy>(MESSAGING_API.policy, change);
  }
}
