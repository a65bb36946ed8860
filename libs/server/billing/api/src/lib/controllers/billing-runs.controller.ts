import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetBillingRun, ListBillingRuns, PreviewBillingRun, StartBillingRun } from '@cadenza/server/billing/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { BillingRunAnswer, BillingRunMonthParam, BillingRunPreview, BillingRunRequest, StartBillingRunAnswer } from '@cadenza/shared/contracts';
import { presentPreview, presentRun } from '../presenters.js';

@ApiTags('billing')
@Controller('billing/runs')
export class BillingRunsController {
  constructor(
    private readonly previewRun: PreviewBillingRun,
    private readonly startRun: StartBillingRun,
    private readonly listRuns: ListBillingRuns,
    private readonly getRun: GetBillingRun,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Access(['admin'])
  @Endpoint({ summary: 'What the month’s run would invoice each account, and the lessons it cannot charge (no lesson type, no rate, no account); writes nothing', response: BillingRunPreview })
  async preview(@CurrentPrincipal() principal: Principal, @Body(validate(BillingRunRequest)) body: BillingRunRequest): Promise<BillingRunPreview> {
    return presentPreview(await this.previewRun.execute(actorOf(principal), body.period));
  }

  @Post()
  @Access(['admin'])
  @Endpoint({
    summary: 'Start the month’s billing run (once: a second start, even at the same moment, creates nothing and answers the run there is)',
    description: 'The accounts are billed in batches in the background (the worker, or the api in the embedded default); each account is invoiced once for the month and the invoices are issued with gapless numbers. Progress: `GET /billing/runs/{period}` and `billing.run_progress.v1` on the socket.',
    response: StartBillingRunAnswer,
  })
  async start(@CurrentPrincipal() principal: Principal, @Body(validate(BillingRunRequest)) body: BillingRunRequest): Promise<StartBillingRunAnswer> {
    const actor = actorOf(principal);
    const { progress, created } = await this.startRun.execute(actor, actor.schoolId, body.period);
    return { created, run: presentRun(progress) };
  }

  @Get()
  @Access(['admin'])
  @Endpoint({ summary: 'The school’s billing runs, newest month first', response: z.array(BillingRunAnswer) })
  async list(@CurrentPrincipal() principal: Principal): Promise<BillingRunAnswer[]> {
    return (await this.listRuns.execute(actorOf(principal))).map(presentRun);
  }

  @Get(':period')
  @Access(['admin'])
  @Endpoint({ summary: 'The month’s billing run and how far it has got', response: BillingRunAnswer, problems: [{ status: 404, code: 'BILLING.RUN_NOT_FOUND', when: 'No run for that month yet.' }] })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(BillingRunMonthParam)) params: BillingRunMonthParam): Promise<BillingRunAnswer> {
    return presentRun(await this.getRun.execute(actorOf(principal), params.period));
  }
}
