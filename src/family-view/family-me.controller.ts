import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can, Public } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { LoginThrottleGuard } from 'src/auth/auth.guards';
import { LoginResponse } from 'src/auth/dto/auth.responses';
import { UuidPipe } from 'src/common/uuid.pipe';
import { FamilyResponseResponse } from './dto/family-summary.dto';
import {
  ActivateDto,
  FamilyDecisionPage,
  FamilyOverview,
  FamilyPlanPage,
  FamilyPlanView,
  FamilyResponseDto,
} from './dto/family-me.dto';
import { FamilyMeService } from './family-me.service';

/** The family member's own routes (docs/family-view.md); every other route is 404 to them. */
@ApiTags("the family's view")
@Controller()
export class FamilyMeController {
  constructor(private readonly me: FamilyMeService) {}

  @Post('auth/family/activate')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({
    summary:
      'A family member sets their password with their one-time invitation code, and is signed in',
    description:
      '401 `invalid_invitation` for an unknown, used or expired code, or a withdrawn grant (throttled per IP). Later sign-ins: `POST /auth/login` with the grant’s contact email.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiResponse({ status: 401, description: '`invalid_invitation`' })
  activate(@Body() dto: ActivateDto) {
    return this.me.activate(dto);
  }

  @Get('me/family')
  @ApiBearerAuth()
  @Can('family_view.read')
  @ApiOperation({
    summary: 'Who you are and who is in your plan (details withheld from you left out)',
  })
  @ApiOkResponse({ type: FamilyOverview })
  overview(@CurrentActor() actor: Actor) {
    return this.me.overview(actor);
  }

  @Get('me/family/plans')
  @ApiBearerAuth()
  @Can('family_view.read')
  @ApiOperation({ summary: 'Your published plan summaries (the version of each plan in force)' })
  @ApiOkResponse({ type: FamilyPlanPage })
  plans(@CurrentActor() actor: Actor) {
    return this.me.plans(actor);
  }

  @Get('me/family/plans/:id')
  @ApiBearerAuth()
  @Can('family_view.read')
  @ApiOperation({ summary: 'One of your plan summaries' })
  @ApiOkResponse({ type: FamilyPlanView })
  plan(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.me.plan(actor, id);
  }

  @Get('me/family/decisions')
  @ApiBearerAuth()
  @Can('family_view.read')
  @ApiOperation({ summary: 'Decisions explained to you, in plain words' })
  @ApiOkResponse({ type: FamilyDecisionPage })
  decisions(@CurrentActor() actor: Actor) {
    return this.me.decisions(actor);
  }

  @Post('me/family/responses')
  @ApiBearerAuth()
  @Can('family_view.respond')
  @ApiOperation({
    summary: 'Acknowledge, agree or disagree with a plan summary or a decision, in your own words',
  })
  @ApiCreatedResponse({ type: FamilyResponseResponse })
  respond(@CurrentActor() actor: Actor, @Body() dto: FamilyResponseDto) {
    return this.me.respond(actor, dto);
  }
}
