import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetSchedulingPolicy, UpdateSchedulingPolicy } from '@cadenza/server/scheduling/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { UpdateSchedulingPolicyRequest, SchedulingPolicy } from '@cadenza/shared/contracts';
import { presentPolicy } from '../presenters.js';

@ApiTags('scheduling')
@Controller('scheduling/policy')
export class PolicyController {
  constructor(
    private readonly getPolicy: GetSchedulingPolicy,
    private readonly updatePolicy: UpdateSchedulingPolicy,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'everyone reads it: families see it before cancelling')
  @Endpoint({ summary: 'The school’s cancellation and makeup policy', response: SchedulingPolicy })
  async get(@CurrentPrincipal() principal: Principal): Promise<SchedulingPolicy> {
    return presentPolicy(await this.getPolicy.execute(actorOf(principal)));
  }

  @Patch()
  @Access(['admin'])
  @Endpoint({ summary: 'Change the cancellation and makeup policy', response: SchedulingPolicy })
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateSchedulingPolicyRequest)) body: UpdateSchedulingPolicyRequest): Promise<SchedulingPolicy> {
    return presentPolicy(await this.updatePolicy.execute(actorOf(principal), body));
  }
}
