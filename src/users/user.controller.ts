import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { ApiPageResponse } from 'src/common/openapi-page';
import { etagFor, requireIfMatch } from 'src/common/etag';
import { UuidPipe } from 'src/common/uuid.pipe';
import { PendingApproval, pending } from 'src/approvals/approval.service';
import { ApprovalResponse } from 'src/approvals/dto/approval.dto';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponse } from './dto/user.dto';
import { UserService } from './user.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post()
  @Can('user.create')
  @ApiOperation({ summary: 'Create a user (platform admin: any LA; la_admin: own LA)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiAcceptedResponse({
    type: ApprovalResponse,
    description:
      'An la_admin creating an la_admin, ecpp or cp_manager: nothing is created until a second approver approves (POST /approvals/{id}/approve)',
  })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateUserDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const user = await this.users.create(actor, dto);
    if (user instanceof PendingApproval) return pending(res, user);
    res.header('ETag', etagFor(user.version));
    return user;
  }

  @Get()
  @Can('user.read')
  @ApiOperation({ summary: "Users of the caller's local authority" })
  @ApiPageResponse(UserResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListUsersQueryDto) {
    return this.users.list(actor, q);
  }

  @Get(':id')
  @Can('user.read')
  @ApiOkResponse({ type: UserResponse })
  @ApiOperation({ summary: 'One user' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const user = await this.users.get(actor, id);
    res.header('ETag', etagFor(user.version));
    return user;
  }

  @Patch(':id')
  @Can('user.update')
  @ApiOperation({
    summary: 'Change name, roles, agency or disable (active: false); If-Match required',
  })
  @ApiHeader({
    name: 'If-Match',
    required: true,
    example: '"1"',
    description: "The resource's ETag",
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiAcceptedResponse({
    type: ApprovalResponse,
    description:
      'An la_admin granting la_admin, ecpp or cp_manager: nothing changes until a second approver approves',
  })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateUserDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const user = await this.users.update(actor, id, requireIfMatch(ifMatch), dto);
    if (user instanceof PendingApproval) return pending(res, user);
    res.header('ETag', etagFor(user.version));
    return user;
  }
}
