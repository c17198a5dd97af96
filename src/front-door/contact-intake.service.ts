import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditedDenial, denialEntry } from 'src/access/denial-audit';
import { AuditService } from 'src/audit/audit.service';
import { Clock } from 'src/common/clock';
import { forbidden, validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { todayIso } from 'src/common/working-days';
import { EventOutbox } from 'src/events/event-outbox.service';
import { normaliseNhsNumber } from 'src/families/nhs-number';
import { mayCreateContact } from './contact-access';
import { decisionDueBy, londonDate } from './contact-rules';
import { ContactRepository } from './contact.repository';
import type { CreateContactDto, CreatedContactResponse } from './dto/contact.dto';

const trimOrNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/**
 * Raising a contact (docs/front-door.md): a partner as its referrer, or front-door staff keying
 * one in for a named or described referrer; its children linked to known persons or described;
 * due for a decision one working day after receipt. Audited, and `contact.received` emitted.
 */
@Injectable()
export class ContactIntakeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ContactRepository,
    private readonly audit: AuditService,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, dto: CreateContactDto): Promise<CreatedContactResponse> {
    return this.ds.transaction(async (m) => {
      const la = actorLa(actor);
      const frontDoor =
        actor.kind === 'user' && (await this.repo.isFrontDoorMember(m, la, actor.id));
      if (!mayCreateContact(actor, frontDoor)) {
        const why = 'Partners and front-door staff raise contacts';
        throw new AuditedDenial(
          forbidden(why),
          denialEntry(actor, 'contact.create', { reason: why }),
        );
      }
      const receivedAt = new Date(dto.receivedAt);
      const receivedOn = londonDate(receivedAt);
      const today = this.clock.today();
      if (
        receivedOn > today ||
        (receivedOn === todayIso() && receivedAt.getTime() > Date.now() + 60_000)
      )
        throw validationFailed(
          'receivedAt',
          `${dto.receivedAt} is in the future (today is ${today}): only what has been received can be recorded`,
        );
      if (receivedOn < '2000-01-01')
        throw validationFailed('receivedAt', 'must be on or after 2000-01-01');

      const ref = dto.referrer;
      const isPartner = actor.kind === 'user' && actor.roles.includes('partner') && !frontDoor;
      let referrerUserId: string | null = null;
      if (isPartner) {
        if (ref.userId && ref.userId.toLowerCase() !== actor.id)
          throw validationFailed('referrer.userId', 'a partner raises contacts as themselves');
        if (ref.name || ref.relationship)
          throw validationFailed('referrer.name', 'a partner is the referrer: omit name');
        referrerUserId = actor.id;
      } else if (ref.userId) {
        if (ref.name || ref.relationship)
          throw validationFailed('referrer.name', 'give either userId or name and relationship');
        if (!(await this.repo.activeUserInLa(m, la, ref.userId.toLowerCase())))
          throw validationFailed('referrer.userId', 'must be a user of your local authority');
        referrerUserId = ref.userId.toLowerCase();
      } else {
        if (!ref.name?.trim())
          throw validationFailed('referrer.name', 'is required without userId');
        if (!ref.relationship?.trim())
          throw validationFailed('referrer.relationship', 'is required without userId');
      }

      const children = [];
      const personIds = dto.children.flatMap((k) => (k.personId ? [k.personId.toLowerCase()] : []));
      const persons = new Map((await this.repo.persons(m, la, personIds)).map((p) => [p.id, p]));
      for (const [i, k] of dto.children.entries()) {
        const at = `children.${i}`;
        if (k.dateOfBirth && k.dateOfBirth > today)
          throw validationFailed(`${at}.dateOfBirth`, `${k.dateOfBirth} is in the future`);
        if (k.personId) {
          const p = persons.get(k.personId.toLowerCase());
          if (!p || p.kind !== 'child')
            throw validationFailed(`${at}.personId`, 'must be a child of your local authority');
          children.push({
            personId: p.id,
            firstName: p.firstName,
            lastName: p.lastName,
            dateOfBirth: p.dateOfBirth,
            expectedDateOfBirth: null,
            address: trimOrNull(k.address),
            nhsNumber: p.nhsNumber,
          });
          continue;
        }
        if (!k.firstName?.trim())
          throw validationFailed(
            `${at}.firstName`,
            'a child described without personId needs a name',
          );
        if (!k.lastName?.trim())
          throw validationFailed(
            `${at}.lastName`,
            'a child described without personId needs a name',
          );
        children.push({
          personId: null,
          firstName: k.firstName.trim(),
          lastName: k.lastName.trim(),
          dateOfBirth: k.dateOfBirth ?? null,
          expectedDateOfBirth: k.expectedDateOfBirth ?? null,
          address: trimOrNull(k.address),
          nhsNumber: k.nhsNumber ? normaliseNhsNumber(k.nhsNumber) : null,
        });
      }
      if (!dto.consent.informed && !dto.consent.reason?.trim())
        throw validationFailed('consent.reason', 'is required when the family is not informed');
      if (dto.consent.informed && dto.consent.reason)
        throw validationFailed('consent.reason', 'only when the family is not informed');
      if (!dto.concern.trim()) throw validationFailed('concern', 'must not be blank');

      const due = decisionDueBy(receivedAt);
      const id = await this.repo.insert(m, {
        la,
        receivedAt: receivedAt.toISOString(),
        decisionDueBy: due,
        referrerUserId,
        referrerName: referrerUserId ? null : ref.name!.trim(),
        referrerRelationship: referrerUserId ? null : ref.relationship!.trim(),
        referrerOrganisation: trimOrNull(ref.organisation),
        referrerPhone: trimOrNull(ref.phone),
        referrerEmail: trimOrNull(ref.email),
        source: dto.source,
        concern: dto.concern.trim(),
        urgency: dto.urgency,
        consentInformed: dto.consent.informed,
        consentReason: dto.consent.informed ? null : dto.consent.reason!.trim(),
        recordedById: actor.id,
        children,
      });
      const childIds = children.flatMap((k) => (k.personId ? [k.personId] : []));
      await this.audit.record(
        {
          action: 'contact.create',
          recordType: 'contact',
          recordId: id,
          childIds,
          changes: {
            receivedAt: { before: null, after: receivedAt.toISOString() },
            source: { before: null, after: dto.source },
            urgency: { before: null, after: dto.urgency },
          },
        },
        m,
      );
      await this.outbox.write(m, la, [
        {
          type: 'contact.received',
          data: {
            contactId: id,
            source: dto.source,
            urgency: dto.urgency,
            childIds,
            decisionDueBy: due,
          },
        },
      ]);
      return { id, status: 'received', decisionDueBy: due };
    });
  }
}
