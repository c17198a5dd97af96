import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditedDenial, denialEntry } from 'src/access/denial-audit';
import type { Permission } from 'src/access/permissions';
import { AuditService } from 'src/audit/audit.service';
import { Clock } from 'src/common/clock';
import {
  conflict,
  DomainError,
  forbidden,
  notFound,
  validationFailed,
} from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { EventOutbox } from 'src/events/event-outbox.service';
import { normaliseNhsNumber } from 'src/families/nhs-number';
import { TimelineService } from 'src/cases/timeline.service';
import { todayIso } from 'src/common/working-days';
import {
  decisionDueBy,
  decisionTimescale,
  DEFAULT_REPEAT_RULE,
  londonDate,
  mayAct,
  monthsBefore,
  needsManager,
  OUTCOME_LABELS,
  type RepeatRule,
} from './contact-rules';
import {
  contactVerdict,
  mayCreateContact,
  type ContactFacts,
  type ContactView,
} from './contact-access';
import { StrategyDiscussionService } from 'src/multi-agency/strategy-discussion.service';
import { ContactCaseService, needsCase } from './contact-case.service';
import { ContactReferralService } from './contact-referral.service';
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

const trimOrNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const linkedIds = (c: ContactRow) =>
  c.children.map((k) => k.personId).filter((x): x is string => !!x);

/**
 * The front door (docs/front-door.md): contacts raised by partners or keyed in by front-door
 * staff, screened, matched, decided by a front-door worker and authorised by a manager within
 * one working day, and fed back to the referrer.
 */
@Injectable()
export class ContactService {
  readonly repeatRule: RepeatRule;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ContactRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
    private readonly referrals: ContactReferralService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly strategyDiscussions: StrategyDiscussionService,
    private readonly contactCases: ContactCaseService,
  ) {
    this.repeatRule = {
      contacts: config.FRONT_DOOR_REPEAT_CONTACTS ?? DEFAULT_REPEAT_RULE.contacts,
      months: config.FRONT_DOOR_REPEAT_MONTHS ?? DEFAULT_REPEAT_RULE.months,
    };
  }

  // ---- access ------------------------------------------------------------------------------

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
  private async require(
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
          childIds: c ? linkedIds(c) : [],
          reason,
        }),
      );
    if (v.verdict === 'forbidden') throw denial(forbidden(v.why), v.why);
    throw denial(notFound('Contact'), 'contact not visible to the caller');
  }

  /** For matching: the contact, if the caller may screen it. */
  async requireForScreening(m: EntityManager, actor: Actor, id: string): Promise<ContactRow> {
    return (await this.require(m, actor, 'contact.screen', id)).c;
  }

  private async requireFrontDoor(m: EntityManager, actor: Actor, permission: Permission) {
    const la = actorLa(actor);
    if (actor.kind === 'user' && (await this.repo.isFrontDoorMember(m, la, actor.id))) return;
    const why = 'Only members of a front_door team work the contact queue';
    throw new AuditedDenial(forbidden(why), denialEntry(actor, permission, { reason: why }));
  }

  // ---- views -------------------------------------------------------------------------------

  staffView(c: ContactRow): ContactResponse {
    return {
      id: c.id,
      status: c.status,
      receivedAt: iso(c.receivedAt)!,
      decisionDueBy: c.decisionDueBy,
      timescale: decisionTimescale(c.decisionDueBy, this.clock.today(), c.decidedOn),
      referrer: c.referrerUserId
        ? { userId: c.referrerUserId }
        : {
            name: c.referrerName,
            relationship: c.referrerRelationship,
            organisation: c.referrerOrganisation,
            phone: c.referrerPhone,
            email: c.referrerEmail,
          },
      source: c.source,
      children: c.children,
      concern: c.concern,
      urgency: c.urgency,
      consent: c.consentInformed
        ? { informed: true }
        : { informed: false, reason: c.consentReason ?? undefined },
      familyId: c.familyId,
      outcome: c.outcome,
      rationale: c.rationale,
      caseId: c.caseId,
      caseAllocation:
        c.caseTeamId && c.caseLeadPractitionerId
          ? { teamId: c.caseTeamId, leadPractitionerId: c.caseLeadPractitionerId }
          : null,
      requiresManager: c.requiresManager,
      earlierContacts: c.earlierContacts,
      decidedById: c.decidedById,
      decidedAt: iso(c.decidedAt),
      authorisedById: c.authorisedById,
      authorisedAt: iso(c.authorisedAt),
      feedbackSummary: c.feedbackSummary,
      feedbackAt: iso(c.feedbackAt),
      version: c.version,
    };
  }

  /** The referrer's view: progress, the outcome once authorised, the feedback. Never the case,
   * the rationale, the family or other agencies' information. */
  referrerView(c: ContactRow): ReferrerContactResponse {
    return {
      id: c.id,
      status: c.status,
      receivedAt: iso(c.receivedAt)!,
      concern: c.concern,
      children: c.children.map((k) => `${k.firstName} ${k.lastName}`),
      outcome: c.authorisedAt ? c.outcome : null,
      feedbackSummary: c.feedbackSummary,
      feedbackAt: iso(c.feedbackAt),
    };
  }

  // ---- create ------------------------------------------------------------------------------

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

  // ---- reads -------------------------------------------------------------------------------

  async get(actor: Actor, id: string): Promise<ContactResponse | ReferrerContactResponse> {
    const m = this.ds.manager;
    const { c, view } = await this.require(m, actor, 'contact.read', id);
    await this.audit.record({
      action: 'contact.read',
      recordType: 'contact',
      recordId: id,
      childIds: linkedIds(c),
      metadata: { view },
    });
    return view === 'staff' ? this.staffView(c) : this.referrerView(c);
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
    if (!frontDoor && !cpManager) await this.requireFrontDoor(m, actor, 'contact.read');
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
      childIds: [...new Set(page.data.flatMap(linkedIds))],
      metadata: { count: page.data.length, status: q.status ?? null, overdue: q.overdue ?? null },
    });
    return { data: page.data.map((c) => this.staffView(c)), nextCursor: page.nextCursor };
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
    return { data: page.data.map((c) => this.referrerView(c)), nextCursor: page.nextCursor };
  }

  // ---- screening ---------------------------------------------------------------------------

  link(actor: Actor, id: string, dto: LinkContactDto): Promise<ContactResponse> {
    return this.ds.transaction(async (m) => {
      const { c } = await this.require(m, actor, 'contact.screen', id, true);
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
          childIds: linkedIds(after),
          changes,
        },
        m,
      );
      return this.staffView(after);
    });
  }

  // ---- decision ----------------------------------------------------------------------------

  /**
   * When a decision (or its authorisation) was made: now, or the time given for one recorded
   * after the fact — never in the future, never before `floor` (the receipt, or the decision).
   */
  private whenMade(field: string, given: string | undefined, floor: Date, what: string): Date {
    if (!given) return new Date();
    const at = new Date(given);
    const day = londonDate(at);
    const today = this.clock.today();
    if (day > today || (day === todayIso() && at.getTime() > Date.now() + 60_000))
      throw validationFailed(field, `${given} is in the future (today is ${today})`);
    if (at.getTime() < new Date(floor).getTime())
      throw validationFailed(
        field,
        `${given} is before ${what} (${new Date(floor).toISOString()})`,
      );
    return at;
  }

  decide(actor: Actor, id: string, dto: ContactDecisionDto): Promise<ContactResponse> {
    return this.ds.transaction(async (m) => {
      const { c } = await this.require(m, actor, 'contact.screen', id, true);
      if (!mayAct('decide', c.status) || c.decidedAt)
        throw conflict(
          'contact_state',
          c.decidedAt
            ? 'This contact already has a decision awaiting authorisation'
            : `A ${c.status} contact cannot be decided again`,
        );
      const la = c.localAuthorityId;
      const childIds = linkedIds(c);
      const from = monthsBefore(londonDate(c.receivedAt), this.repeatRule.months);
      const earlier = await this.repo.earlierContacts(m, la, id, childIds, from, c.receivedAt);
      const requiresManager = needsManager(earlier, this.repeatRule);
      const isManager = actor.kind === 'user' && actor.roles.includes('family_help_manager');
      if (requiresManager && !isManager) {
        // The rule is recorded so the queue shows it, then the worker is refused.
        throw conflict(
          'manager_decision_required',
          `This is contact ${earlier + 1} about this child in ${this.repeatRule.months} months: a family_help_manager makes the decision`,
          { earlierContacts: earlier },
        );
      }
      let caseId: string | null = null;
      if (dto.caseId) {
        if (dto.outcome !== 'family_help_assessment' && dto.outcome !== 'strategy_discussion')
          throw validationFailed(
            'caseId',
            'only with family_help_assessment or strategy_discussion',
          );
        try {
          const k = await this.access.requireCase(m, actor, 'case.read', dto.caseId.toLowerCase());
          if (!k.childIds.some((x) => childIds.includes(x)))
            throw validationFailed(
              'caseId',
              "must be a case of one of the contact's linked children",
            );
          caseId = k.id;
        } catch (err) {
          if (err instanceof DomainError && err.status === 404)
            throw validationFailed('caseId', 'no such case you may read');
          throw err;
        }
      }
      const now = this.whenMade(
        'decidedAt',
        dto.decidedAt,
        c.receivedAt,
        'the contact was received',
      );
      // Without a case named, a decision that needs one opens one once authorised.
      const allocation = await this.contactCases.allocate(m, c, dto);
      const set: Record<string, unknown> = {
        status: 'screening',
        outcome: dto.outcome,
        rationale: dto.rationale.trim(),
        case_id: caseId,
        ...allocation,
        requires_manager: requiresManager,
        earlier_contacts: earlier,
        decided_by_id: actor.id,
        decided_at: now,
      };
      // A manager's own decision is authorised by its making.
      if (isManager)
        Object.assign(set, {
          status: 'decided',
          authorised_by_id: actor.id,
          authorised_at: now,
          decided_on: dto.decidedAt ? londonDate(now) : this.clock.today(),
        });
      await this.repo.update(m, la, id, c.version, set);
      const after = (await this.repo.find(m, la, id))!;
      await this.audit.record(
        {
          action: 'contact.decide',
          recordType: 'contact',
          recordId: id,
          childIds,
          changes: {
            outcome: { before: null, after: dto.outcome },
            status: { before: c.status, after: after.status },
          },
          metadata: { requiresManager, earlierContacts: earlier, authorised: isManager },
        },
        m,
      );
      if (!isManager) return this.staffView(after);
      await this.takeEffect(m, actor, after);
      return this.staffView((await this.repo.find(m, la, id))!);
    });
  }

  authorise(actor: Actor, id: string, dto: ContactAuthorisationDto = {}): Promise<ContactResponse> {
    return this.ds.transaction(async (m) => {
      const { c } = await this.require(m, actor, 'contact.authorise', id, true);
      if (!mayAct('authorise', c.status) || !c.decidedAt)
        throw conflict('contact_state', 'Only a decision awaiting authorisation can be authorised');
      if (c.decidedById === actor.id)
        throw conflict('same_person', 'A decision is authorised by someone other than its maker');
      const at = this.whenMade('authorisedAt', dto.authorisedAt, c.decidedAt, 'the decision');
      const set = {
        status: 'decided',
        authorised_by_id: actor.id,
        authorised_at: at,
        decided_on: dto.authorisedAt ? londonDate(at) : this.clock.today(),
      };
      await this.repo.update(m, c.localAuthorityId, id, c.version, set);
      const after = (await this.repo.find(m, c.localAuthorityId, id))!;
      await this.audit.record(
        {
          action: 'contact.authorise',
          recordType: 'contact',
          recordId: id,
          childIds: linkedIds(after),
          changes: { status: { before: c.status, after: 'decided' } },
          metadata: { outcome: c.outcome },
        },
        m,
      );
      await this.takeEffect(m, actor, after);
      return this.staffView((await this.repo.find(m, c.localAuthorityId, id))!);
    });
  }

  /**
   * What an authorised decision does: `family_help_assessment` on a named case reopens it or
   * adds the referral to it (the assessment clock restarts); its event; on a named case its
   * timeline entry.
   */
  private async takeEffect(m: EntityManager, actor: Actor, decided: ContactRow): Promise<void> {
    const childIds = linkedIds(decided);
    let referral: 'opened' | 'reopened' | 'added' | null = null;
    let strategyDiscussionRequestId: string | null = null;
    // No case named: the decision opens one (its referral the contact), in this transaction.
    const opened =
      !decided.caseId && needsCase(decided.outcome)
        ? await this.contactCases.open(m, decided)
        : null;
    const c = opened ? { ...decided, caseId: opened } : decided;
    if (opened && c.outcome === 'family_help_assessment') referral = 'opened';
    if (!opened && c.caseId && c.outcome === 'family_help_assessment') {
      const k = await this.access.requireCase(m, actor, 'case.read', c.caseId, { lock: 'update' });
      referral = await this.referrals.refer(m, c, k);
    }
    if (c.caseId && c.outcome === 'strategy_discussion') {
      // A requested strategy discussion on the case, for the ECPP or cp_manager to schedule.
      const k = opened
        ? { id: opened, localAuthorityId: c.localAuthorityId, childIds, stage: 'family_help' }
        : await this.access.requireCase(m, actor, 'case.read', c.caseId, { lock: 'share' });
      if (k.stage === 'closed')
        throw conflict('case_closed', 'The case is closed: reopen it or decide without caseId');
      strategyDiscussionRequestId = await this.strategyDiscussions.recordRequest(
        m,
        actor,
        k,
        {
          childIds: k.childIds.filter((x) => childIds.includes(x)),
          reason: `Front-door decision on a contact received ${londonDate(c.receivedAt)}: ${c.rationale}`,
        },
        'the front door',
        { contactId: c.id },
      );
    }
    const timescale = decisionTimescale(c.decisionDueBy, c.decidedOn!, c.decidedOn);
    await this.outbox.write(m, c.localAuthorityId, [
      {
        type: 'contact.decided',
        data: {
          contactId: c.id,
          outcome: c.outcome,
          childIds,
          decisionDueBy: c.decisionDueBy,
          decidedOn: c.decidedOn,
          timescaleStatus: timescale.status,
          ...(c.caseId ? { caseId: c.caseId } : {}),
          ...(referral ? { referral } : {}),
          ...(strategyDiscussionRequestId ? { strategyDiscussionRequestId } : {}),
        },
      },
    ]);
    if (c.caseId)
      await this.timeline.append(m, {
        caseId: c.caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'contact_decided',
        summary: `Front door: ${OUTCOME_LABELS[c.outcome!]} (contact received ${londonDate(c.receivedAt)}, source ${c.source})`,
        data: {
          contactId: c.id,
          outcome: c.outcome,
          source: c.source,
          referral,
          strategyDiscussionRequestId,
        },
        recordType: 'contact',
        recordId: c.id,
      });
  }

  feedback(actor: Actor, id: string, dto: ContactFeedbackDto): Promise<ContactResponse> {
    return this.ds.transaction(async (m) => {
      const { c } = await this.require(m, actor, 'contact.screen', id, true);
      if (!mayAct('feedback', c.status))
        throw conflict('contact_state', 'Feedback follows an authorised decision, once');
      if (!dto.summary.trim()) throw validationFailed('summary', 'must not be blank');
      await this.repo.update(m, c.localAuthorityId, id, c.version, {
        status: 'feedback_sent',
        feedback_summary: dto.summary.trim(),
        feedback_at: new Date(),
      });
      const after = (await this.repo.find(m, c.localAuthorityId, id))!;
      await this.audit.record(
        {
          action: 'contact.feedback',
          recordType: 'contact',
          recordId: id,
          childIds: linkedIds(after),
          changes: { status: { before: c.status, after: 'feedback_sent' } },
        },
        m,
      );
      return this.staffView(after);
    });
  }
}
