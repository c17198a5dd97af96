import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { Clock } from 'src/common/clock';
import { conflict, DomainError, validationFailed } from 'src/common/domain-error';
import { todayIso } from 'src/common/working-days';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import {
  DEFAULT_REPEAT_RULE,
  londonDate,
  mayAct,
  monthsBefore,
  needsManager,
  type RepeatRule,
} from './contact-rules';
import { ContactCaseService, linkedChildIds } from './contact-case.service';
import { ContactEffects } from './contact-effects.service';
import { ContactGate } from './contact-gate.service';
import { staffView } from './contact-views';
import { ContactRepository } from './contact.repository';
import type {
  ContactAuthorisationDto,
  ContactDecisionDto,
  ContactFeedbackDto,
  ContactResponse,
} from './dto/contact.dto';

/**
 * Deciding a contact (docs/front-door.md): a front-door worker's decision (a manager's, for a
 * repeat contact) within one working day, authorised by a manager other than its maker (a
 * manager's own decision is authorised by its making), then fed back to the referrer.
 */
@Injectable()
export class ContactDecisionService {
  readonly repeatRule: RepeatRule;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ContactRepository,
    private readonly gate: ContactGate,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly contactCases: ContactCaseService,
    private readonly effects: ContactEffects,
  ) {
    this.repeatRule = {
      contacts: config.FRONT_DOOR_REPEAT_CONTACTS ?? DEFAULT_REPEAT_RULE.contacts,
      months: config.FRONT_DOOR_REPEAT_MONTHS ?? DEFAULT_REPEAT_RULE.months,
    };
  }

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
      const { c } = await this.gate.require(m, actor, 'contact.screen', id, true);
      if (!mayAct('decide', c.status) || c.decidedAt)
        throw conflict(
          'contact_state',
          c.decidedAt
            ? 'This contact already has a decision awaiting authorisation'
            : `A ${c.status} contact cannot be decided again`,
        );
      const la = c.localAuthorityId;
      const childIds = linkedChildIds(c);
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
      if (!isManager) return staffView(after, this.clock.today());
      await this.effects.takeEffect(m, actor, after);
      return staffView((await this.repo.find(m, la, id))!, this.clock.today());
    });
  }

  authorise(actor: Actor, id: string, dto: ContactAuthorisationDto = {}): Promise<ContactResponse> {
    return this.ds.transaction(async (m) => {
      const { c } = await this.gate.require(m, actor, 'contact.authorise', id, true);
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
          childIds: linkedChildIds(after),
          changes: { status: { before: c.status, after: 'decided' } },
          metadata: { outcome: c.outcome },
        },
        m,
      );
      await this.effects.takeEffect(m, actor, after);
      return staffView((await this.repo.find(m, c.localAuthorityId, id))!, this.clock.today());
    });
  }

  feedback(actor: Actor, id: string, dto: ContactFeedbackDto): Promise<ContactResponse> {
    return this.ds.transaction(async (m) => {
      const { c } = await this.gate.require(m, actor, 'contact.screen', id, true);
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
          childIds: linkedChildIds(after),
          changes: { status: { before: c.status, after: 'feedback_sent' } },
        },
        m,
      );
      return staffView(after, this.clock.today());
    });
  }
}
