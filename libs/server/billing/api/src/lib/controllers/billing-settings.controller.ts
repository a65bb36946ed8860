import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetBillingSettings, UpdateBillingSettings } from '@cadenza/server/billing/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { BillingSettingsAnswer, UpdateBillingSettingsRequest } from '@cadenza/shared/contracts';
import { presentSettings } from '../presenters.js';

@ApiTags('billing')
@Controller('billing/settings')
export class BillingSettingsController {
  constructor(
    private readonly getSettings: GetBillingSettings,
    private readonly updateSettings: UpdateBillingSettings,
  ) {}

  @Get()
  @Access(['admin'])
  @Endpoint({ summary: 'The school’s billing settings: what is charged, tax, sibling discount and terms', response: BillingSettingsAnswer })
  async get(@CurrentPrincipal() principal: Principal): Promise<BillingSettingsAnswer> {
    return presentSettings(await this.getSettings.execute(actorOf(principal)));
  }

  @Put()
  @Access(['admin'])
  @Endpoint({ summary: 'Set the billing settings (audited)', response: BillingSettingsAnswer })
  async put(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateBillingSettingsRequest)) body: UpdateBillingSettingsRequest): Promise<BillingSettingsAnswer> {
    return presentSettings(await this.updateSettings.execute(actorOf(principal), body));
  }
}
