import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { Clock } from 'src/common/clock';
import { conflict, validationFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { mayAct, type RepeatRule } from './contact-rules';
import { linkedChildIds } from './contact-case.service';
import { ContactDecisionService } from './contact-decision.service';
import { ContactGate } from './contact-gate.service';
import { ContactIntakeService } from './contact-intake.service';
import { referrerView, staffView } from './contact-views';
import { ContactRepository, type ContactRow } from './contact.repository';
import type {
  ContactAuthorisationDto,
  ContactDecisionDto,
  ContactFeedbackDto,
  ContactPage,
  ContactQueryDto,
  ContactResponse,
  CreateContactDto,
  CreatedContactResponse,
  LinkContactDto,
  ReferrerContactPage,
  ReferrerContactResponse,
} from './dto/contact.dto';

/**
 * The front door (docs/front-door.md): contacts raised by partners or keyed in by front-door
 * staff, screened, matched, decided by a front-door worker and authorised by a manager within
 * one working day, and fed back to the referrer. Reading the queue and screening (linking a
 * contact's children to known persons) are here; raising a contact is `ContactIntakeService`,
 * deciding one `ContactDecisionService`, who may touch one `ContactGate`.
 */
@Injectable()
export class ContactService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ContactRepository,
    private readonly gate: ContactGate,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly intake: ContactIntakeService,
    private readonly decisions: ContactDecisionService,
  ) {}

  /** The repeat-contact rule (how many contacts in how many months need a manager's decision). */
  get repeatRule(): RepeatRule {
    return this.decisions.repeatRule;
  }

  /** For matching: the contact, if the caller may screen it. */
  async requireForScreening(m: EntityManager, actor: Actor, id: string): Promise<ContactRow> {
    return (await this.gate.require(m, actor, 'contact.screen', id)).c;
  }

  create(actor: Actor, dto: CreateContactDto): Promise<CreatedContactResponse> {
    return this.intake.create(actor, dto);
  }

  // ---- reads -------------------------------------------------------------------------------

  async get(actor: Actor, id: string): Promise<ContactResponse | ReferrerContactResponse> {
    const m = this.ds.manager;
    const { c, view } = await this.gate.require(m, actor, 'contact.read', id);
    await this.audit.record({
      action: 'contact.read',
      recordType: 'contact',
      recordId: id,
      childIds: linkedChildIds(c),
      metadata: { view },
    });
    return view === 'staff' ? staffView(c, this.clock.today()) : referrerView(c);
  }

  async list(actor: Actor, q: ContactQueryDto): Promise<ContactPage> {
    const m = this.ds.manager;
    const la = actorLa(actor);
    const cpManager = actor.kind === 'user' && actor.roles.includes('cp_manager');
    const frontDoor =
      actor.kind === 'user' &&
      (actor.roles.includes('family_help_practitioner') ||
        actor.roles.includes('family_help_manager')) &&
      (await this.repo.isFrontDoorMember(m, la, actor.id));
    if (!frontDoor && !cpManager) await this.gate.requireFrontDoor(m, actor, 'contact.read');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.repo.list(
      m,
      la,
      {
        status: q.status,
        outcome: q.outcome,
        overdueOn: q.overdue === 'true' ? this.clock.today() : undefined,
        cpQueueOnly: !frontDoor,
      },
      limit,
      after,
    );
    const page = toPage(rows, limit, (r) => [r.decisionDueBy, r.id]);
    await this.audit.record({
      action: 'contact.list',
      recordType: 'contact',
      childIds: [...new Set(page.data.flatMap(linkedChildIds))],
      metadata: { count: page.data.length, status: q.status ?? null, overdue: q.overdue ?? null },
    });
    return {
      data: page.data.map((c) => staffView(c, this.clock.today())),
      nextCursor: page.nextCursor,
    };
  }

  /** The referrer's own contacts (any user who raised one; partners in practice). */
  async mine(actor: Actor, q: ContactQueryDto): Promise<ReferrerContactPage> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.repo.list(
      this.ds.manager,
      actorLa(actor),
      { referrerUserId: actor.id, status: q.status },
      limit,
      after,
    );
    const page = toPage(rows, limit, (r) => [r.decisionDueBy, r.id]);
    return { data: page.data.map((c) => referrerView(c)), nextCursor: page.nextCursor };
  }

  // ---- screening ---------------------------------------------------------------------------

  link(actor: Actor, id: string, dto: LinkContactDto): Promise<ContactResponse> {
    return this.ds.transaction(async (m) => {
      const { c } = await this.gate.require(m, actor, 'contact.screen', id, true);
      if (!mayAct('link', c.status))
        throw conflict('contact_state', `A ${c.status} contact cannot be linked`);
      if (!dto.personId && !dto.familyId)
        throw validationFailed('personId', 'give personId or familyId');
      const la = c.localAuthorityId;
      const set: Record<string, unknown> = { status: 'screening' };
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      if (dto.personId) {
        const [p] = await this.repo.persons(m, la, [dto.personId.toLowerCase()]);
        if (!p || p.kind !== 'child')
          throw validationFailed('personId', 'must be a child of your local authority');
        const position =
          dto.childIndex ?? c.children.find((k) => !k.personId)?.position ?? c.children[0].position;
        const child = c.children.find((k) => k.position === position);
        if (!child) throw validationFailed('childIndex', 'no such child on this contact');
        await this.repo.linkChild(m, la, id, position, p.id);
        changes[`children.${position}.personId`] = { before: child.personId, after: p.id };
        if (!dto.familyId && !c.familyId && p.familyId) set.family_id = p.familyId;
      }
      if (dto.familyId) {
        if (!(await this.repo.familyInLa(m, la, dto.familyId.toLowerCase())))
          throw validationFailed('familyId', 'must be a family of your local authority');
        set.family_id = dto.familyId.toLowerCase();
      }
      if (set.family_id) changes.familyId = { before: c.familyId, after: set.family_id };
      await this.repo.update(m, la, id, c.version, set);
      const after = (await this.repo.find(m, la, id))!;
      await this.audit.record(
        {
          action: 'contact.link',
          recordType: 'contact',
          recordId: id,
          childIds: linkedChildIds(after),
          changes,
        },
        m,
      );
      return staffView(after, this.clock.today());
    });
  }

  // ---- decision ----------------------------------------------------------------------------

  decide(actor: Actor, id: string, dto: ContactDecisionDto): Promise<ContactResponse> {
    return this.decisions.decide(actor, id, dto);
  }

  authorise(actor: Actor, id: string, dto: ContactAuthorisationDto = {}): Promise<ContactResponse> {
    return this.decisions.authorise(actor, id, dto);
  }

  feedback(actor: Actor, id: string, dto: ContactFeedbackDto): Promise<ContactResponse> {
    return this.decisions.feedback(actor, id, dto);
  }
}
