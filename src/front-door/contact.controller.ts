import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { ContactMatchingService } from './contact-matching.service';
import { ContactService } from './contact.service';
import { FrontDoorIndicatorsService } from './front-door-indicators.service';
import {
  ContactAuthorisationDto,
  ContactDecisionDto,
  ContactFeedbackDto,
  ContactPage,
  ContactQueryDto,
  ContactResponse,
  CreateContactDto,
  CreatedContactResponse,
  FrontDoorIndicatorQueryDto,
  FrontDoorIndicatorsResponse,
  LinkContactDto,
  MatchList,
  ReferrerContactPage,
  ReferrerContactResponse,
} from './dto/contact.dto';

@ApiTags('front door')
@ApiBearerAuth()
@ApiExtraModels(ContactResponse, ReferrerContactResponse)
@Controller()
export class ContactController {
  constructor(
    private readonly contacts: ContactService,
    private readonly matching: ContactMatchingService,
    private readonly indicatorService: FrontDoorIndicatorsService,
  ) {}

  @Post('contacts')
  @Can('contact.create')
  @ApiOperation({
    summary:
      'Raise a contact about one or more children (a partner, or front-door staff keying one in)',
    description:
      'Due for a decision one working day after the day of receipt (`decisionDueBy`). 400 naming the field: unknown source code, receivedAt in the future, a child described without a name, consent not informed without a reason.',
  })
  @ApiCreatedResponse({ type: CreatedContactResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateContactDto) {
    return this.contacts.create(actor, dto);
  }

  @Get('contacts')
  @Can('contact.read')
  @ApiOperation({
    summary:
      'The front-door queue (front-door staff); a cp_manager sees contacts sent to child protection',
    description: '`overdue=true`: undecided contacts past their due date. Ordered by due date.',
  })
  @ApiOkResponse({ type: ContactPage })
  list(@CurrentActor() actor: Actor, @Query() q: ContactQueryDto) {
    return this.contacts.list(actor, q);
  }

  @Get('contacts/indicators')
  @Can('indicators.read')
  @ApiOperation({
    summary:
      'Front-door indicators: decisions within one working day, repeat contacts, re-referrals within 12 months',
  })
  @ApiOkResponse({ type: FrontDoorIndicatorsResponse })
  indicators(@CurrentActor() actor: Actor, @Query() q: FrontDoorIndicatorQueryDto) {
    return this.indicatorService.get(actor, q);
  }

  @Get('partner/contacts')
  @Can('contact.read')
  @ApiOperation({
    summary: "The contacts you raised: each one's progress, outcome and feedback (never the case)",
  })
  @ApiOkResponse({ type: ReferrerContactPage })
  mine(@CurrentActor() actor: Actor, @Query() q: ContactQueryDto) {
    return this.contacts.mine(actor, q);
  }

  @Get('contacts/:id')
  @Can('contact.read')
  @ApiOperation({
    summary: 'One contact: in full for front-door staff, its outcome and feedback for its referrer',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ContactResponse) },
        { $ref: getSchemaPath(ReferrerContactResponse) },
      ],
    },
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.contacts.get(actor, id);
  }

  @Get('contacts/:id/matches')
  @Can('contact.screen')
  @ApiOperation({
    summary: "Who the contact's children may be: exact NHS number, then name and date of birth",
    description:
      'Existing involvement (open cases and team, past CP plans) only where you may read the case; otherwise `knownToServices` and `hiddenInvolvement` only.',
  })
  @ApiOkResponse({ type: MatchList })
  matches(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.matching.matches(actor, id);
  }

  @Post('contacts/:id/link')
  @HttpCode(200)
  @Can('contact.screen')
  @ApiOperation({ summary: 'Link a child of the contact to a person, or the contact to a family' })
  @ApiOkResponse({ type: ContactResponse })
  link(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: LinkContactDto,
  ) {
    return this.contacts.link(actor, id, dto);
  }

  @Post('contacts/:id/decision')
  @HttpCode(200)
  @Can('contact.screen')
  @ApiOperation({
    summary: "The front-door worker's decision (a manager's own decision is authorised at once)",
    description:
      'The repeat rule: the third contact about a child in 12 months (configurable) is decided by a family_help_manager (409 `manager_decision_required`).',
  })
  @ApiOkResponse({ type: ContactResponse })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ContactDecisionDto,
  ) {
    return this.contacts.decide(actor, id, dto);
  }

  @Post('contacts/:id/authorisation')
  @HttpCode(200)
  @Can('contact.authorise')
  @ApiOperation({
    summary: "A front-door family_help_manager authorises the worker's decision: it takes effect",
  })
  @ApiOkResponse({ type: ContactResponse })
  authorise(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ContactAuthorisationDto,
  ) {
    return this.contacts.authorise(actor, id, dto);
  }

  @Post('contacts/:id/feedback')
  @HttpCode(200)
  @Can('contact.screen')
  @ApiOperation({ summary: 'The feedback summary the referrer sees (after the decision)' })
  @ApiOkResponse({ type: ContactResponse })
  feedback(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ContactFeedbackDto,
  ) {
    return this.contacts.feedback(actor, id, dto);
  }
}
