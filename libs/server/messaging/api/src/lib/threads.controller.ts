import { z } from 'zod';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import {
  AddParticipant,
  AttachmentRepository,
  DownloadAttachment,
  EditMessage,
  ExportTranscript,
  FlagMessage,
  ListContacts,
  ListFlags,
  ListMyThreads,
  MarkThreadRead,
  ReviewFlag,
  MessageRepository,
  PostMessage,
  ReadThread,
  RemoveParticipant,
  SearchMyMessages,
  StartThread,
  UploadAttachment,
  messageNotFound,
  type AttachmentId,
  type FlagId,
  type Message,
  type MessageId,
  type ThreadId,
} from '@cadenza/server/messaging/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { AddParticipantRequest, EditMessageRequest, FlagMessageRequest, FlagParam, FlagsQuery, ReviewFlagRequest, MarkReadRequest, PostMessageRequest, ReadThreadQuery, SearchMessagesQuery, StartThreadRequest, ThreadAttachmentParam, ThreadMessageParam, ThreadParam, ThreadParticipantParam, ThreadsQuery, MessageFlag, MessageSearchHit, MessagingContact, ReadReceipt, Thread, ThreadDetail, ThreadMessage, ThreadSummary, Transcript, UploadedAttachment } from '@cadenza/shared/contracts';
import { DomainError, asId, type UserId } from '@cadenza/shared/kernel';
import { presentContact, presentFlag, presentHit, presentMessage, presentReceipt, presentSummary, presentThread, presentThreadDetail, presentTranscript, presentUpload } from './presenters.js';
import { renderTranscriptPdf } from './transcript-pdf.js';
import { AttachmentFile, UploadProblems, attachmentDisposition } from './uploads.js';

const threadId = (id: string) => asId<ThreadId>(id);
const messageId = (id: string) => asId<MessageId>(id);

/**
 * Threads and their messages. Every signed-in person may call these; the domain decides who
 * may do what (participants only, the safeguarding rule for minors, the lead's oversight).
 * The literal routes (`contacts`, `search`, `flags`) come before `:id`.
 */
@ApiTags('messaging')
@Controller('threads')
export class ThreadsController {
  constructor(
    private readonly listMyThreads: ListMyThreads,
    private readonly startThread: StartThread,
    private readonly readThread: ReadThread,
    private readonly addParticipant: AddParticipant,
    private readonly removeParticipant: RemoveParticipant,
    private readonly postMessage: PostMessage,
    private readonly editMessage: EditMessage,
    private readonly markThreadRead: MarkThreadRead,
    private readonly searchMyMessages: SearchMyMessages,
    private readonly flagMessage: FlagMessage,
    private readonly listFlags: ListFlags,
    private readonly exportTranscript: ExportTranscript,
    private readonly messages: MessageRepository,
    private readonly uploadAttachment: UploadAttachment,
    private readonly downloadAttachment: DownloadAttachment,
    private readonly attachments: AttachmentRepository,
    private readonly listContacts: ListContacts,
    private readonly reviewFlag: ReviewFlag,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'My threads', response: z.array(ThreadSummary) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(ThreadsQuery)) query: ThreadsQuery): Promise<ThreadSummary[]> {
    return (await this.listMyThreads.execute(actorOf(principal), { overseen: query.overseen ?? false })).map(presentSummary);
  }

  @Post()
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Start a thread (or return the direct one two people already have)', response: Thread })
  async start(@CurrentPrincipal() principal: Principal, @Body(validate(StartThreadRequest)) body: StartThreadRequest): Promise<Thread> {
    const thread = await this.startThread.execute(actorOf(principal), { kind: body.kind, participantIds: body.participantIds.map((id) => asId<UserId>(id)), subject: body.subject ?? null });
    return presentThread(thread);
  }

  @Get('contacts')
  @Access(ANY_SIGNED_IN, 'staff: their school; a parent or student: the staff and their own family; anyone: people in their threads')
  @Endpoint({ summary: 'Whom I can message, and everyone in my threads', response: z.array(MessagingContact) })
  async contacts(@CurrentPrincipal() principal: Principal): Promise<MessagingContact[]> {
    return (await this.listContacts.execute(actorOf(principal))).map(presentContact);
  }

  @Get('search')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Search my threads’ messages', response: z.array(MessageSearchHit) })
  async search(@CurrentPrincipal() principal: Principal, @Query(validate(SearchMessagesQuery)) query: SearchMessagesQuery): Promise<MessageSearchHit[]> {
    return (await this.searchMyMessages.execute(actorOf(principal), { text: query.q, limit: query.limit })).map(presentHit);
  }

  @Get('flags')
  @Access(['admin'])
  @Endpoint({ summary: 'Flagged messages', response: z.array(MessageFlag) })
  async flags(@CurrentPrincipal() principal: Principal, @Query(validate(FlagsQuery)) query: FlagsQuery): Promise<MessageFlag[]> {
    return (await this.listFlags.execute(actorOf(principal), { ...(query.threadId ? { threadId: threadId(query.threadId) } : {}), ...(query.status ? { status: query.status } : {}) })).map(presentFlag);
  }

  @Post('flags/:flagId/review')
  @HttpCode(200)
  @Access(['admin'], 'the safeguarding lead')
  @Endpoint({
    summary: 'Review a flag: open to reviewed, with an outcome and a note (audited)',
    response: MessageFlag,
    problems: [
      { status: 403, code: 'MESSAGING.LEAD_ONLY', when: 'The caller is not the safeguarding lead.' },
      { status: 404, code: 'MESSAGING.FLAG_NOT_FOUND', when: 'No flag of this school has this id.' },
      { status: 409, code: 'MESSAGING.FLAG_ALREADY_REVIEWED', when: 'The flag has been reviewed already.' },
    ],
  })
  async review(@CurrentPrincipal() principal: Principal, @Param(validate(FlagParam)) params: { flagId: string }, @Body(validate(ReviewFlagRequest)) body: ReviewFlagRequest): Promise<MessageFlag> {
    return presentFlag(await this.reviewFlag.execute(actorOf(principal), { flagId: asId<FlagId>(params.flagId), outcome: body.outcome, note: body.note }));
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Read a thread', response: ThreadDetail })
  async read(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }, @Query(validate(ReadThreadQuery)) query: ReadThreadQuery): Promise<ThreadDetail> {
    return presentThreadDetail(await this.readThread.execute(actorOf(principal), { threadId: threadId(params.id), beforeSeq: query.beforeSeq, limit: query.limit }));
  }

  @Get(':id/transcript')
  @Access(['admin'])
  @Endpoint({ summary: 'A thread’s transcript (every version and flag)', response: Transcript })
  async transcript(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }): Promise<Transcript> {
    return presentTranscript(await this.exportTranscript.execute(actorOf(principal), { threadId: threadId(params.id) }));
  }

  /** The same transcript as a PDF, for the safeguarding lead; audited as the JSON export is. */
  @Get(':id/transcript.pdf')
  @Access(['admin'], 'the safeguarding lead')
  @Header('Cache-Control', 'private, no-store')
  @Endpoint({ summary: 'A thread’s transcript as PDF', response: { contentType: 'application/pdf', description: 'The transcript.' } })
  async transcriptPdf(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }): Promise<StreamableFile> {
    const transcript = await this.exportTranscript.execute(actorOf(principal), { threadId: threadId(params.id), format: 'pdf' });
    const pdf = await renderTranscriptPdf(transcript);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: attachmentDisposition(`transcript-${transcript.threadId}.pdf`), length: pdf.length });
  }

  /** Uploads one file (multipart, part `file`) to attach to one's next message in this thread. */
  @Post(':id/attachments')
  @Access(ANY_SIGNED_IN, 'the thread’s participants')
  @UseInterceptors(UploadProblems, AttachmentFile)
  @Endpoint({ summary: 'Upload a file to a thread', description: 'Multipart, one part named `file`; attach it by id to your next message.', body: { multipartFile: 'file' }, response: UploadedAttachment, problems: [{ status: 413, code: 'HTTP.PAYLOAD_TOO_LARGE', when: 'Larger than any attachment may be.' }, { status: 429, code: 'MESSAGING.TOO_MANY_UPLOADS', when: 'Too many uploads in a short time.' }] })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(ThreadParam)) params: { id: string },
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: Record<string, unknown> | undefined,
  ): Promise<UploadedAttachment> {
    const [extra] = Object.keys(fields ?? {});
    if (extra !== undefined) throw DomainError.invalid('MESSAGING.INVALID_UPLOAD', extra, `Unknown field: ${extra}. Send only the file.`);
    if (!file) throw DomainError.invalid('MESSAGING.INVALID_UPLOAD', 'file', 'Choose a file, sent as multipart/form-data in a part named "file".');
    const attachment = await this.uploadAttachment.execute(actorOf(principal), {
      threadId: threadId(params.id),
      name: file.originalname,
      contentType: file.mimetype,
      bytes: new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength),
    });
    return presentUpload(attachment);
  }

  /** Downloads a file of the thread: its participants, or the safeguarding lead (audited). Always as an attachment, never rendered. */
  @Get(':id/attachments/:attachmentId')
  @Access(ANY_SIGNED_IN, 'the thread’s participants; the safeguarding lead')
  @Endpoint({ summary: 'Download an attachment', response: { contentType: 'application/octet-stream', description: 'The file, with its own content type, always as an attachment.' }, problems: [{ status: 410, code: 'MESSAGING.ATTACHMENT_GONE', when: 'The file of this attachment is no longer kept.' }] })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(ThreadAttachmentParam)) params: { id: string; attachmentId: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { attachment, bytes } = await this.downloadAttachment.execute(actorOf(principal), { threadId: threadId(params.id), attachmentId: asId<AttachmentId>(params.attachmentId) });
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      type: attachment.contentType,
      disposition: attachmentDisposition(attachment.name),
      length: bytes.byteLength,
    });
  }

  @Post(':id/participants')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Add someone to a thread', response: Thread })
  async addPerson(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }, @Body(validate(AddParticipantRequest)) body: AddParticipantRequest): Promise<Thread> {
    return presentThread(await this.addParticipant.execute(actorOf(principal), { threadId: threadId(params.id), userId: asId<UserId>(body.userId) }));
  }

  @Delete(':id/participants/:userId')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Remove someone from a thread', response: Thread })
  async removePerson(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParticipantParam)) params: { id: string; userId: string }): Promise<Thread> {
    return presentThread(await this.removeParticipant.execute(actorOf(principal), { threadId: threadId(params.id), userId: asId<UserId>(params.userId) }));
  }

  @Post(':id/messages')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Post a message', response: ThreadMessage, problems: [{ status: 429, code: 'MESSAGING.TOO_MANY_MESSAGES', when: 'Too many messages in a short time.' }] })
  async post(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }, @Body(validate(PostMessageRequest)) body: PostMessageRequest): Promise<ThreadMessage> {
    const attachmentIds = (body.attachmentIds ?? []).map((id) => asId<AttachmentId>(id));
    const message = await this.postMessage.execute(actorOf(principal), { threadId: threadId(params.id), body: body.body, attachmentIds });
    // A new message has only the attachments it was posted with.
    return attachmentIds.length > 0 ? this.withAttachments(message) : presentMessage(message);
  }

  @Patch(':id/messages/:messageId')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Edit my message (every version is kept)', response: ThreadMessage })
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(ThreadMessageParam)) params: { id: string; messageId: string },
    @Body(validate(EditMessageRequest)) body: EditMessageRequest,
  ): Promise<ThreadMessage> {
    await this.requireInThread(params);
    return this.withAttachments(await this.editMessage.execute(actorOf(principal), { messageId: messageId(params.messageId), body: body.body }));
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Mark a thread read', response: ReadReceipt })
  async markRead(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }, @Body(validate(MarkReadRequest)) body: MarkReadRequest): Promise<ReadReceipt> {
    return presentReceipt(await this.markThreadRead.execute(actorOf(principal), { threadId: threadId(params.id), upToSeq: body.upToSeq }));
  }

  @Post(':id/messages/:messageId/flags')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Flag a message to the safeguarding lead', response: MessageFlag, problems: [{ status: 409, code: 'MESSAGING.ALREADY_FLAGGED', when: 'You already flagged this message.' }] })
  async flag(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(ThreadMessageParam)) params: { id: string; messageId: string },
    @Body(validate(FlagMessageRequest)) body: FlagMessageRequest,
  ): Promise<MessageFlag> {
    await this.requireInThread(params);
    return presentFlag(await this.flagMessage.execute(actorOf(principal), { messageId: messageId(params.messageId), reason: body.reason }));
  }

  private async withAttachments(message: Message): Promise<ThreadMessage> {
    return presentMessage(message, (await this.attachments.ofMessages([message.id])).map((a) => a.summary()));
  }

  /** The message named in the path belongs to the thread named there (the domain checks who may touch it). */
  private async requireInThread(params: { id: string; messageId: string }): Promise<void> {
    const message = await this.messages.byId(messageId(params.messageId));
    if (!message || message.threadId !== params.id) throw messageNotFound();
  }
}
