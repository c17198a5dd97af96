import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PersonLookupResponse } from './dto/people-lookup.dto';

/** Staff and API-client names of one local authority, by id. */
@Injectable()
export class PeopleLookupRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The staff users and API clients of `la` among `ids` (others are simply not returned), by
   * name. */
  async namesIn(la: string, ids: string[]): Promise<PersonLookupResponse[]> {
    return this.ds.query(
      `SELECT u.id, u.name, 'user' AS kind FROM app_user u
        WHERE u.local_authority_id = $1 AND u.id = ANY($2::uuid[])
          -- staff only: a family member's account (family view) is not looked up here
          AND EXISTS (SELECT 1 FROM unnest(u.roles) r WHERE r <> 'family_member')
       UNION ALL
       SELECT k.id, k.name, 'client' AS kind FROM api_client k
        WHERE k.local_authority_id = $1 AND k.id = ANY($2::uuid[])
       ORDER BY name, id`,
      [la, ids],
    );
  }
}
