import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AddParticipant,
  EditMessage,
  ExportTranscript,
  FlagMessage,
  ListFlags,
  ListMyThreads,
  MarkThreadRead,
  MessageRepository,
  PostMessage,
  ReadThread,
  RemoveParticipant,
  SearchMyMessages,
  StartThread,
  messageNotFound,
  type MessageId,
  type ThreadId,
} from '@cadenza/server/messaging/domain';
import { ANY_SIGNED_IN, Access, CurrentPrincipal, validate, type Principal } from '@cadenza/server/platform/http';
import {
  AddParticipantRequest,
  EditMessageRequest,
  FlagMessageRequest,
  FlagsQuery,
  MarkReadRequest,
  PostMessageRequest,
  ReadThreadQuery,
  SearchMessagesQuery,
  StartThreadRequest,
  ThreadMessageParam,
  ThreadParam,
  ThreadParticipantParam,
  ThreadsQuery,
  type MessageFlag,
  type MessageSearchHit,
  type ReadReceipt,
  type Thread,
  type ThreadDetail,
  type ThreadMessage,
  type ThreadSummary,
  type Transcript,
} from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { actorOf } from './actor.js';
import { presentFlag, presentHit, presentMessage, presentReceipt, presentSummary, presentThread, presentThreadDetail, presentTranscript } from './presenters.js';

const threadId = (id: string) => asId<ThreadId>(id);
const messageId = (id: string) => asId<MessageId>(id);

/**
 * Threads and their messages. Every signed-in person may call these; the domain decides who
 * may do what (participants only, the safeguarding rule for minors, the lead's oversight).
 * The literal routes (`search`, `flags`) come before `:id`.
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
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN)
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(ThreadsQuery)) query: ThreadsQuery): Promise<ThreadSummary[]> {
    return (await this.listMyThreads.execute(actorOf(principal), { overseen: query.overseen ?? false })).map(presentSummary);
  }

  @Post()
  @Access(ANY_SIGNED_IN)
  async start(@CurrentPrincipal() principal: Principal, @Body(validate(StartThreadRequest)) body: StartThreadRequest): Promise<Thread> {
    const thread = await this.startThread.execute(actorOf(principal), { kind: body.kind, participantIds: body.participantIds.map((id) => asId<UserId>(id)), subject: body.subject ?? null });
    return presentThread(thread);
  }

  @Get('search')
  @Access(ANY_SIGNED_IN)
  async search(@CurrentPrincipal() principal: Principal, @Query(validate(SearchMessagesQuery)) query: SearchMessagesQuery): Promise<MessageSearchHit[]> {
    return (await this.searchMyMessages.execute(actorOf(principal), { text: query.q, limit: query.limit })).map(presentHit);
  }

  @Get('flags')
  @Access(['admin'])
  async flags(@CurrentPrincipal() principal: Principal, @Query(validate(FlagsQuery)) query: FlagsQuery): Promise<MessageFlag[]> {
    return (await this.listFlags.execute(actorOf(principal), query.threadId ? { threadId: threadId(query.threadId) } : {})).map(presentFlag);
  }

  @Get(':id')
  @Access(ANY_SIGNED_IN)
  async read(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }, @Query(validate(ReadThreadQuery)) query: ReadThreadQuery): Promise<ThreadDetail> {
    return presentThreadDetail(await this.readThread.execute(actorOf(principal), { threadId: threadId(params.id), beforeSeq: query.beforeSeq, limit: query.limit }));
  }

  @Get(':id/transcript')
  @Access(['admin'])
  async transcript(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }): Promise<Transcript> {
    return presentTranscript(await this.exportTranscript.execute(actorOf(principal), { threadId: threadId(params.id) }));
  }

  @Post(':id/participants')
  @Access(ANY_SIGNED_IN)
  async addPerson(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }, @Body(validate(AddParticipantRequest)) body: AddParticipantRequest): Promise<Thread> {
    return presentThread(await this.addParticipant.execute(actorOf(principal), { threadId: threadId(params.id), userId: asId<UserId>(body.userId) }));
  }

  @Delete(':id/participants/:userId')
  @Access(ANY_SIGNED_IN)
  async removePerson(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParticipantParam)) params: { id: string; userId: string }): Promise<Thread> {
    return presentThread(await this.removeParticipant.execute(actorOf(principal), { threadId: threadId(params.id), userId: asId<UserId>(params.userId) }));
  }

  @Post(':id/messages')
  @Access(ANY_SIGNED_IN)
  async post(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }, @Body(validate(PostMessageRequest)) body: PostMessageRequest): Promise<ThreadMessage> {
    return presentMessage(await this.postMessage.execute(actorOf(principal), { threadId: threadId(params.id), body: body.body }));
  }

  @Patch(':id/messages/:messageId')
  @Access(ANY_SIGNED_IN)
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(ThreadMessageParam)) params: { id: string; messageId: string },
    @Body(validate(EditMessageRequest)) body: EditMessageRequest,
  ): Promise<ThreadMessage> {
    await this.requireInThread(params);
    return presentMessage(await this.editMessage.execute(actorOf(principal), { messageId: messageId(params.messageId), body: body.body }));
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN)
  async markRead(@CurrentPrincipal() principal: Principal, @Param(validate(ThreadParam)) params: { id: string }, @Body(validate(MarkReadRequest)) body: MarkReadRequest): Promise<ReadReceipt> {
    return presentReceipt(await this.markThreadRead.execute(actorOf(principal), { threadId: threadId(params.id), upToSeq: body.upToSeq }));
  }

  @Post(':id/messages/:messageId/flags')
  @Access(ANY_SIGNED_IN)
  async flag(
    @CurrentPrincipal() principal: Principal,
    @Param(validate(ThreadMessageParam)) params: { id: string; messageId: string },
    @Body(validate(FlagMessageRequest)) body: FlagMessageRequest,
  ): Promise<MessageFlag> {
    await this.requireInThread(params);
    return presentFlag(await this.flagMessage.execute(actorOf(principal), { messageId: messageId(params.messageId), reason: body.reason }));
  }

  /** The message named in the path belongs to the thread named there (the domain checks who may touch it). */
  private async requireInThread(params: { id: string; messageId: string }): Promise<void> {
    const message = await this.messages.byId(messageId(params.messageId));
    if (!message || message.threadId !== params.id) throw messageNotFound();
  }
}
