import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { assertNoOtherOpenCase } from 'src/cases/one-open-case';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, notFound, validationFailed } from 'src/common/domain-error';
import { addDays } from 'src/common/working-days';
import { CaseChildRepository, FamilyChild } from './case-child.repository';
import type { AddCaseChildDto, CaseChildRecord, RecordBirthDto } from './case-child.dto';

/** A child born, or due, more than 40 weeks after joining is not yet a child of the case. */
const PREGNANCY_DAYS = 280;

/** The reason must fit the person: `unborn` exactly for a child with no date of birth yet. */
export function reasonProblem(
  reason: AddCaseChildDto['reason'],
  child: FamilyChild,
  addedOn: string,
): { field: 'reason' | 'addedOn'; message: string } | null {
  const unborn = child.dateOfBirth === null;
  if (reason === 'unborn' && !unborn) {
    return { field: 'reason', message: 'unborn is for a child with no date of birth yet' };
  }
  if (unborn && reason !== 'unborn') {
    return child.expectedDateOfBirth
      ? { field: 'reason', message: 'the child is not born yet: reason unborn' }
      : { field: 'reason', message: 'the child has neither a date of birth nor an expected one' };
  }
  if (unborn && !child.expectedDateOfBirth) {
    return { field: 'reason', message: 'an unborn child needs an expectedDateOfBirth' };
  }
  const birth = child.dateOfBirth ?? child.expectedDateOfBirth;
  if (!unborn && birth && addedOn < birth) {
    return { field: 'addedOn', message: `${addedOn} is before the child's birth (${birth})` };
  }
  if (birth && birth > addDays(addedOn, PREGNANCY_DAYS)) {
    return {
      field: 'addedOn',
      message: `the child is due more than 40 weeks after ${addedOn} (${birth})`,
    };
  }
  return null;
}

/**
 * Children of an open case (docs/conferences.md, "Children of a case"): added dated, with a
 * reason — a baby born into the family, an unborn child, a child who moved in — by the case's
 * Family Help team or its co-working ECPP; an unborn child's birth recorded when it happens.
 */
@Injectable()
export class CaseChildService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: CaseChildRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(actor: Actor, caseId: string): Promise<CaseChildRecord[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.read', caseId);
      return this.repo.list(m, c.localAuthorityId, caseId);
    });
  }

  add(actor: Actor, caseId: string, dto: AddCaseChildDto): Promise<CaseChildRecord> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.child_add', caseId, {
        lock: 'update',
      });
      if (c.stage === 'closed') throw conflict('case_closed', 'The case is closed');
      const la = c.localAuthorityId;
      requireDateInRange(
        'addedOn',
        dto.addedOn,
        this.clock.today(),
        c.referralDate,
        'the referral',
      );
      const child = await this.repo.familyChild(m, la, c.familyId, dto.personId);
      if (!child) throw validationFailed('personId', "not a child of the case's family");
      if (c.childIds.includes(dto.personId)) {
        throw conflict('child_already_in_case', 'The child is already a child of this case');
      }
      const problem = reasonProblem(dto.reason, child, dto.addedOn);
      if (problem) throw validationFailed(problem.field, problem.message);
      await assertNoOtherOpenCase(m, la, [dto.personId], caseId);
      await this.repo.insert(m, caseId, { ...dto, addedById: actor.id });
      const added = (await this.repo.find(m, la, caseId, dto.personId)) as CaseChildRecord;
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: 'child_added',
        summary: `Child added to the case (${dto.reason.replace(/_/g, ' ')}) from ${dto.addedOn}`,
        data: { childId: dto.personId, reason: dto.reason, addedOn: dto.addedOn },
        recordType: 'person',
        recordId: dto.personId,
      });
      await this.audit.record(
        {
          action: 'case.child_add',
          recordType: 'case',
          recordId: caseId,
          childIds: [dto.personId],
          changes: {
            reason: { before: null, after: dto.reason },
            addedOn: { before: null, after: dto.addedOn },
          },
          metadata: { caseId },
        },
        m,
      );
      return added;
    });
  }

  recordBirth(
    actor: Actor,
    caseId: string,
    personId: string,
    dto: RecordBirthDto,
  ): Promise<CaseChildRecord> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.child_add', caseId, {
        lock: 'update',
      });
      if (c.stage === 'closed') throw conflict('case_closed', 'The case is closed');
      const la = c.localAuthorityId;
      const child = c.childIds.includes(personId)
        ? await this.repo.find(m, la, caseId, personId)
        : null;
      if (!child) throw notFound('Child');
      if (child.dateOfBirth) {
        throw conflict('already_born', `The child's date of birth is ${child.dateOfBirth}`);
      }
      requireDateInRange('dateOfBirth', dto.dateOfBirth, this.clock.today(), null, '');
      await this.repo.recordBirth(m, la, personId, dto.dateOfBirth);
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: 'child_born',
        summary: `Birth recorded: born on ${dto.dateOfBirth}`,
        data: { childId: personId, dateOfBirth: dto.dateOfBirth },
        recordType: 'person',
        recordId: personId,
      });
      await this.audit.record(
        {
          action: 'person.birth_recorded',
          recordType: 'person',
          recordId: personId,
          childIds: [personId],
          changes: { dateOfBirth: { before: null, after: dto.dateOfBirth } },
          metadata: { caseId },
        },
        m,
      );
      return (await this.repo.find(m, la, caseId, personId)) as CaseChildRecord;
    });
  }
}
