import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditedDenial, denialEntry } from 'src/access/denial-audit';
import type { Permission } from 'src/access/permissions';
import { DomainError, forbidden, notFound } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { contactVerdict, type ContactFacts, type ContactView } from './contact-access';
import { linkedChildIds } from './contact-case.service';
import { ContactRepository, type ContactRow } from './contact.repository';

/**
 * Who may touch a contact (docs/front-door.md): the facts about the caller and the contact
 * (same local authority, front-door team member, its referrer, on the child protection queue)
 * read from the database, the verdict by the pure rules of `contact-access.ts`, and a refusal
 * audited as a denial.
 */
@Injectable()
export class ContactGate {
  constructor(private readonly repo: ContactRepository) {}

  private async facts(m: EntityManager, actor: Actor, c: ContactRow | null): Promise<ContactFacts> {
    const la = actor.localAuthorityId;
    return {
      sameLa: !!c && !!la && c.localAuthorityId === la,
      frontDoor:
        !!la && actor.kind === 'user' && (await this.repo.isFrontDoorMember(m, la, actor.id)),
      referrer: !!c && actor.kind === 'user' && c.referrerUserId === actor.id,
      cpQueue:
        !!c &&
        !!c.authorisedAt &&
        (c.outcome === 'strategy_discussion' || c.outcome === 'immediate_protection'),
    };
  }

  /** The contact, if `actor` may do `permission` to it: else 404 (or 403 when visible), audited. */
  async require(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    id: string,
    lock = false,
  ): Promise<{ c: ContactRow; view: ContactView }> {
    const c = await this.repo.find(m, actorLa(actor), id, lock);
    const v = contactVerdict(actor, permission, await this.facts(m, actor, c));
    if (c && v.verdict === 'allowed') return { c, view: v.view };
    const denial = (err: DomainError, reason: string) =>
      new AuditedDenial(
        err,
        denialEntry(actor, permission, {
          recordType: 'contact',
          recordId: id,
          childIds: c ? linkedChildIds(c) : [],
          reason,
        }),
      );
    if (v.verdict === 'forbidden') throw denial(forbidden(v.why), v.why);
    throw denial(notFound('Contact'), 'contact not visible to the caller');
  }

  /** 403 (audited) unless the caller is a member of a front_door team. */
  async requireFrontDoor(m: EntityManager, actor: Actor, permission: Permission) {
    const la = actorLa(actor);
    if (actor.kind === 'user' && (await this.repo.isFrontDoorMember(m, la, actor.id))) return;
    const why = 'Only members of a front_door team work the contact queue';
    throw new AuditedDenial(forbidden(why), denialEntry(actor, permission, { reason: why }));
  }
}
