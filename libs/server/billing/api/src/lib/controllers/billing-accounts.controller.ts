import { z } from 'zod';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetBillingAccount, ListBillingAccounts, type BillingAccountId } from '@cadenza/server/billing/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { BillingAccountAnswer, BillingAccountIdParam } from '@cadenza/shared/contracts';
import { asId } from '@cadenza/shared/kernel';
import { presentAccount } from '../presenters.js';

const READERS = 'admins every account; a guardian (view or full access) their family’s; a payer their own; anyone else gets 404';

@ApiTags('billing')
@Controller('billing/accounts')
export class BillingAccountsController {
  constructor(
    private readonly listAccounts: ListBillingAccounts,
    private readonly getAccount: GetBillingAccount,
  ) {}

  @Get()
  @Access(['admin', 'parent', 'student'], `${READERS} (an empty list)`)
  @Endpoint({ summary: 'The billing accounts the caller may read, by family name', response: z.array(BillingAccountAnswer) })
  async list(@CurrentPrincipal() principal: Principal): Promise<BillingAccountAnswer[]> {
    return (await this.listAccounts.execute(actorOf(principal))).map(presentAccount);
  }

  @Get(':accountId')
  @Access(['admin', 'parent', 'student'], READERS)
  @Endpoint({ summary: 'One billing account', response: BillingAccountAnswer, problems: [{ status: 404, code: 'BILLING.ACCOUNT_NOT_FOUND', when: 'Not an account the caller may read.' }] })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(BillingAccountIdParam)) params: BillingAccountIdParam): Promise<BillingAccountAnswer> {
    return presentAccount(await this.getAccount.execute(actorOf(principal), asId<BillingAccountId>(params.accountId)));
  }
}
