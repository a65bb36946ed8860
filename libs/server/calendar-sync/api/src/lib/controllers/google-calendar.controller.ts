import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChooseGoogleCalendars, CompleteGoogleConnect, DisconnectGoogle, GetGoogleConnection, ListGoogleCalendars, StartGoogleConnect, type GoogleConnection } from '@cadenza/server/calendar-sync/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { ChooseGoogleCalendarsRequest, GoogleCalendarList, GoogleConnectCallbackRequest, GoogleConnectionStatus, GoogleConnectStarted } from '@cadenza/shared/contracts';

const OWN = 'teachers and accompanists, their own connection only';
const NOT_CONNECTED = { status: 404, code: 'CALENDAR_SYNC.NOT_CONNECTED', when: 'No Google account is connected.' } as const;
const UNAVAILABLE = { status: 503, code: 'CALENDAR_SYNC.GOOGLE_UNAVAILABLE', when: 'No Google client is set up on this server.' } as const;
const RECONNECT = { status: 409, code: 'CALENDAR_SYNC.RECONNECT_NEEDED', when: 'Google no longer accepts the grant: connect again.' } as const;

export function presentConnection(c: GoogleConnection | null): GoogleConnectionStatus {
  if (!c) return { connected: false, account: null, status: null, busyCalendarIds: [], writeCalendarId: null, connectedAt: null, lastSyncAt: null, lastError: null };
  return {
    connected: true,
    account: c.account,
    status: c.status,
    busyCalendarIds: c.busyCalendarIds,
    writeCalendarId: c.writeCalendarId,
    connectedAt: c.connectedAt.toISOString(),
    lastSyncAt: c.lastSyncAt?.toISOString() ?? null,
    lastError: c.lastError,
  };
}

/**
 * A teacher's or accompanist's Google Calendar connection: start the OAuth consent, finish it with what Google's
 * redirect gave the console's page (the `state` checked), read it, choose calendars, disconnect.
 */
@ApiTags('me')
@Controller('me/google-calendar')
export class GoogleCalendarController {
  constructor(
    private readonly startConnect: StartGoogleConnect,
    private readonly completeConnect: CompleteGoogleConnect,
    private readonly readConnection: GetGoogleConnection,
    private readonly listCalendars: ListGoogleCalendars,
    private readonly chooseCalendars: ChooseGoogleCalendars,
    private readonly disconnectGoogle: DisconnectGoogle,
  ) {}

  @Get()
  @Access(['teacher', 'accompanist'], OWN)
  @Endpoint({ summary: 'One’s Google Calendar connection: account, chosen calendars, status ("reconnect needed"), last sync', response: GoogleConnectionStatus })
  async status(@CurrentPrincipal() principal: Principal): Promise<GoogleConnectionStatus> {
    return presentConnection(await this.readConnection.execute(actorOf(principal)));
  }

  @Post('connect')
  @HttpCode(200)
  @Access(['teacher', 'accompanist'], OWN)
  @Endpoint({ summary: 'Start connecting one’s Google account: Google’s consent page, with a single-use state valid 10 minutes', response: GoogleConnectStarted, problems: [UNAVAILABLE] })
  async connect(@CurrentPrincipal() principal: Principal): Promise<GoogleConnectStarted> {
    const started = await this.startConnect.execute(actorOf(principal));
    return { url: started.url, expiresAt: started.expiresAt.toISOString() };
  }

  @Post('callback')
  @HttpCode(200)
  @Access(['teacher', 'accompanist'], OWN)
  @Endpoint({
    summary: 'Finish connecting with the code and state Google’s redirect gave: the state must be the caller’s own, unused and unexpired',
    response: GoogleConnectionStatus,
    problems: [UNAVAILABLE, { status: 429, code: 'CALENDAR_SYNC.TOO_MANY_CONNECTS', when: 'More than 10 tries at once, then one every 30 s.' }],
  })
  async callback(@CurrentPrincipal() principal: Principal, @Body(validate(GoogleConnectCallbackRequest)) body: GoogleConnectCallbackRequest): Promise<GoogleConnectionStatus> {
    return presentConnection(await this.completeConnect.execute(actorOf(principal), body));
  }

  @Get('calendars')
  @Access(['teacher', 'accompanist'], OWN)
  @Endpoint({ summary: 'One’s Google calendars to choose from', response: GoogleCalendarList, problems: [NOT_CONNECTED, RECONNECT] })
  async calendars(@CurrentPrincipal() principal: Principal): Promise<GoogleCalendarList> {
    return { items: await this.listCalendars.execute(actorOf(principal)) };
  }

  @Put('calendars')
  @Access(['teacher', 'accompanist'], OWN)
  @Endpoint({ summary: 'Choose which of one’s Google calendars count as busy and which one lessons are written to', response: GoogleConnectionStatus, problems: [NOT_CONNECTED, RECONNECT] })
  async choose(@CurrentPrincipal() principal: Principal, @Body(validate(ChooseGoogleCalendarsRequest)) body: ChooseGoogleCalendarsRequest): Promise<GoogleConnectionStatus> {
    return presentConnection(await this.chooseCalendars.execute(actorOf(principal), body));
  }

  @Delete()
  @HttpCode(204)
  @Access(['teacher', 'accompanist'], OWN)
  @Endpoint({ summary: 'Disconnect one’s Google account: the grant is revoked and the busy times read from it forgotten', response: null, problems: [NOT_CONNECTED] })
  async disconnect(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.disconnectGoogle.execute(actorOf(principal));
  }
}
