import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PersonConversations } from '@cadenza/server/messaging/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { PersonMessagesSummary, PersonParam } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentPersonMessages } from './presenters.js';

/**
 * A person's messages in summary, beside the rest of their record under `/people/{personId}`:
 * under `/threads` a person's id would stand where a thread's does.
 */
@ApiTags('messaging')
@Controller('people')
export class PersonMessagesController {
  constructor(private readonly personConversations: PersonConversations) {}

  @Get(':personId/messages')
  @Access(['admin'], 'admins; subjects and people only of the conversations the caller may open (their own, or any for the safeguarding lead)')
  @Endpoint({
    summary: 'A person’s messages in summary: their conversations counted, the latest message, and those the caller may open',
    response: PersonMessagesSummary,
    problems: [{ status: 404, code: 'MESSAGING.PERSON_NOT_FOUND', when: 'No one of this school has this id.' }],
  })
  async personMessages(@CurrentPrincipal() principal: Principal, @Param(validate(PersonParam)) params: { personId: string }): Promise<PersonMessagesSummary> {
    return presentPersonMessages(await this.personConversations.execute(actorOf(principal), asId<UserId>(params.personId)));
  }
}
