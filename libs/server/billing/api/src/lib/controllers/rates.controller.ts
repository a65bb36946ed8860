import { z } from 'zod';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChangeRate, ListRates, RemoveRate, SetRate, type LessonTypeId, type RateId } from '@cadenza/server/billing/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { BillingRate, CreateRateRequest, RateIdParam, UpdateRateRequest } from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentRate } from '../presenters.js';

const rateNotFound = { status: 404, code: 'BILLING.RATE_NOT_FOUND', when: 'No such rate in the school.' } as const;
const rateExists = { status: 409, code: 'BILLING.RATE_EXISTS', when: 'A rate for the same lesson type, teacher and length exists already.' } as const;
const user = (value: string | null | undefined): UserId | null | undefined => (value === undefined ? undefined : value === null ? null : asId<UserId>(value));

@ApiTags('billing')
@Controller('billing/rates')
export class RatesController {
  constructor(
    private readonly listRates: ListRates,
    private readonly setRate: SetRate,
    private readonly changeRate: ChangeRate,
    private readonly removeRate: RemoveRate,
  ) {}

  @Get()
  @Access(['admin'])
  @Endpoint({ summary: 'The school’s rates', response: z.array(BillingRate) })
  async list(@CurrentPrincipal() principal: Principal): Promise<BillingRate[]> {
    return (await this.listRates.execute(actorOf(principal))).map(presentRate);
  }

  @Post()
  @Access(['admin'])
  @Endpoint({
    summary: 'Add a rate for a lesson type, optionally one teacher’s or one length’s (audited)',
    description: 'The price is a whole number of minor units above zero in the school’s currency, and the lesson type one the school has: anything else is a 400 naming `price.minor`, `price.currency` or `lessonTypeId`, and nothing is written.',
    response: BillingRate,
    problems: [rateExists],
  })
  async create(@CurrentPrincipal() principal: Principal, @Body(validate(CreateRateRequest)) body: CreateRateRequest): Promise<BillingRate> {
    const rate = await this.setRate.execute(actorOf(principal), {
      lessonTypeId: asId<LessonTypeId>(body.lessonTypeId),
      teacherId: user(body.teacherId) ?? null,
      durationMinutes: body.durationMinutes ?? null,
      price: body.price,
    });
    return presentRate(rate);
  }

  @Patch(':rateId')
  @Access(['admin'])
  @Endpoint({ summary: 'Change a rate’s price, teacher or length (audited); the same refusals as adding one', response: BillingRate, problems: [rateNotFound, rateExists] })
  async update(@CurrentPrincipal() principal: Principal, @Param(validate(RateIdParam)) params: RateIdParam, @Body(validate(UpdateRateRequest)) body: UpdateRateRequest): Promise<BillingRate> {
    const rate = await this.changeRate.execute(actorOf(principal), asId<RateId>(params.rateId), { teacherId: user(body.teacherId), durationMinutes: body.durationMinutes, price: body.price });
    return presentRate(rate);
  }

  @Delete(':rateId')
  @HttpCode(204)
  @Access(['admin'])
  @Endpoint({ summary: 'Remove a rate (audited); invoices that charged by it keep their lines', response: null, problems: [rateNotFound] })
  async remove(@CurrentPrincipal() principal: Principal, @Param(validate(RateIdParam)) params: RateIdParam): Promise<void> {
    await this.removeRate.execute(actorOf(principal), asId<RateId>(params.rateId));
  }
}
