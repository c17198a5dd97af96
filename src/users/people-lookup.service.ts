import { Injectable } from '@nestjs/common';
import type { Actor } from 'src/access/actor';
import type { Page } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import type { PeopleLookupQueryDto, PersonLookupResponse } from './dto/people-lookup.dto';
import { PeopleLookupRepository } from './people-lookup.repository';

/**
 * `GET /people/lookup?ids=`: the names behind the staff ids lists carry (actors, authors,
 * requesters, leads), for any staff caller of the LA and API clients that read cases. Only the
 * caller's own local authority's users and API clients are named; any other id (another LA's,
 * a family member's, a person's, unknown) is simply absent from the answer, so the lookup tells
 * nothing about ids the caller could not otherwise see. A name is no case content: it is what a
 * colleague sees on any record of the LA.
 */
@Injectable()
export class PeopleLookupService {
  constructor(private readonly repo: PeopleLookupRepository) {}

  async lookup(actor: Actor, q: PeopleLookupQueryDto): Promise<Page<PersonLookupResponse>> {
    const ids = [...new Set(q.ids.map((id) => id.toLowerCase()))];
    return { data: await this.repo.namesIn(actorLa(actor), ids), nextCursor: null };
  }
}
