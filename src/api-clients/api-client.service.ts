import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { PasswordService } from 'src/auth/password.service';
import { PrincipalCache } from 'src/auth/principal-cache';
import { notFound, preconditionFailed } from 'src/common/domain-error';
import { updateVersioned } from 'src/common/sql';
import { actorLa } from 'src/common/tenancy';
import { ApiClient } from './api-client.entity';
import {
  ApiClientResponse,
  CreateApiClientDto,
  CreatedApiClientResponse,
  UpdateApiClientDto,
} from './dto/api-client.dto';

const FIELDS = [
  'id',
  'name',
  'clientId',
  'scopes',
  'active',
  'version',
  'localAuthorityId',
] as const;
const view = (c: ApiClient): ApiClientResponse => ({
  id: c.id,
  name: c.name,
  clientId: c.clientId,
  scopes: c.scopes,
  active: c.active,
  version: c.version,
});

@Injectable()
export class ApiClientService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async create(actor: Actor, dto: CreateApiClientDto): Promise<CreatedApiClientResponse> {
    const la = actorLa(actor);
    const clientId = `tdm_${randomBytes(12).toString('hex')}`;
    const clientSecret = randomBytes(32).toString('base64url');
    const secretHash = await this.passwords.hash(clientSecret);
    return this.ds.transaction(async (m) => {
      const c = await m.save(
        m.create(ApiClient, {
          localAuthorityId: la,
          name: dto.name,
          clientId,
          secretHash,
          scopes: dto.scopes,
        }),
      );
      await this.audit.record(
        {
          action: 'api_client.create',
          recordType: 'api_client',
          recordId: c.id,
          changes: diffFields({}, c, ['name', 'clientId', 'scopes', 'secretHash']),
        },
        m,
      );
      return { ...view(c), clientSecret };
    });
  }

  async list(actor: Actor) {
    const rows = await this.ds.getRepository(ApiClient).find({
      where: { localAuthorityId: actorLa(actor) },
      select: [...FIELDS],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return { data: rows.map(view), nextCursor: null };
  }

  async update(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateApiClientDto,
  ): Promise<ApiClientResponse> {
    const la = actorLa(actor);
    const updated = await this.ds.transaction(async (m) => {
      const before = await m.findOne(ApiClient, {
        where: { id, localAuthorityId: la },
        select: [...FIELDS],
      });
      if (!before) throw notFound('API client');
      const set: Record<string, unknown> = {};
      if (dto.active !== undefined) set.active = dto.active;
      if (!(await updateVersioned(m, 'api_client', id, version, set))) throw preconditionFailed();
      const after = (await m.findOne(ApiClient, {
        where: { id },
        select: [...FIELDS],
      })) as ApiClient;
      await this.audit.record(
        {
          action: 'api_client.update',
          recordType: 'api_client',
          recordId: id,
          changes: diffFields(before, after, ['active']),
        },
        m,
      );
      return view(after);
    });
    this.principals.forget(`client:${id}`); // committed: refused at once here
    return updated;
  }
}
