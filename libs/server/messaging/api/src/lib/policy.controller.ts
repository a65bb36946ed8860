import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetMessagingPolicy, UpdateMessagingPolicy } from '@cadenza/server/messaging/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { UpdateMessagingPolicyRequest, MessagingPolicy } from '@cadenza/shared/contracts';

/** The school's messaging policy: everyone in the school may read it; admins change it (audited). */
@ApiTags('messaging')
@Controller('messaging/policy')
export class MessagingPolicyController {
  constructor(
    private readonly getPolicy: GetMessagingPolicy,
    private readonly updatePolicy: UpdateMessagingPolicy,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'every member of the school')
  @Endpoint({ summary: 'The school’s messaging policy', response: MessagingPolicy })
  get(@CurrentPrincipal() principal: Principal): Promise<MessagingPolicy> {
    return this.getPolicy.execute(actorOf(principal));
  }

  @Patch()
  @Access(['admin'], 'the school’s admins')
  @Endpoint({ summary: 'Change the messaging policy', response: MessagingPolicy })
  update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateMessagingPolicyRequest)) body: UpdateMessagingPolicyRequest): Promise<MessagingPolicy> {
    return this.updatePolicy.execute(actorOf(principal), body);
  }
}
