import { ActivityRepository } from './activity.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { replay } from 'src/case-history/case-state';
import { Clock, requireDateInRange } from 'src/common/clock';
import { validationFailed } from 'src/common/domain-error';
import { AccessService, assertOpenCase, CaseContext } from 'src/access/access.service';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import type { MeetingKind } from './case-meeting.entity';
import {
  MeetingResponse,
  RecordMeetingDto,
  RecordVisitDto,
  VisitResponse,
} from './dto/activity.dto';

const MEETING_LABELS: Record<MeetingKind, string> = {
  strategy_discussion: 'Strategy discussion',
  initial_cp_conference: 'Initial child protection conference',
  review_cp_conference: 'Review child protection conference',
  core_group: 'Core group meeting',
};

/**
 * What meets the timescales: meetings held, statutory visits and the assessment. Recorded by
 * the case's Family Help team or its co-working ECPP, each with a timeline event and an audit
 * row in the same transaction.
 */
@Injectable()
export class ActivityService {
  constructor(
    private readonly activities: ActivityRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly history: CaseHistoryRepository,
  ) {}

  /**
   * A meeting is recorded once held: not in the future, not before the referral, an initial
   * conference not before the strategy discussion of the enquiry, a review conference or core
   * group not before the initial conference.
   */
  private async requireMeetingDate(m: EntityManager, c: CaseContext, dto: RecordMeetingDto) {
    const today = this.clock.today();
    requireDateInRange('date', dto.date, today, c.referralDate, 'the referral');
    if (dto.kind === 'strategy_discussion') return;
    const state = replay(await this.history.load(m, c.localAuthorityId, c.id));
    if (dto.kind === 'initial_cp_conference') {
      const strategy = state.s47.strategyDiscussionDate;
      requireDateInRange('date', dto.date, today, strategy, 'the strategy discussion');
    } else {
      const icpc = state.icpc.heldAt ?? state.icpc.conferenceDate;
      requireDateInRange('date', dto.date, today, icpc, 'the initial conference');
    }
  }

  recordMeeting(actor: Actor, caseId: string, dto: RecordMeetingDto): Promise<MeetingResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'activity.record', caseId, {
        lock: 'update',
        open: true,
      });
      await this.requireMeetingDate(m, c, dto);
      const meeting = await this.activities.insertMeeting(m, {
        caseId,
        la: c.localAuthorityId,
        kind: dto.kind,
        date: dto.date,
        attendees: dto.attendees ?? [],
        summary: dto.summary || null,
        recordedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'meeting_recorded',
        summary: `${MEETING_LABELS[dto.kind]} held on ${dto.date}`,
        data: { meetingId: meeting.id, kind: dto.kind, date: dto.date },
        recordType: 'case_meeting',
        recordId: meeting.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'meeting.record',
          recordType: 'case_meeting',
          recordId: meeting.id,
          childIds: c.childIds,
          changes: diffFields({}, meeting, ['kind', 'date', 'attendees', 'summary']),
          metadata: { caseId },
        },
        m,
      );
      return meeting;
    });
  }

  listMeetings(actor: Actor, caseId: string): Promise<MeetingResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.read', caseId);
      const rows = await this.activities.findMeetings(m, c.localAuthorityId, [caseId]);
      await this.audit.record(
        { action: 'meeting.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return rows;
    });
  }

  recordVisit(actor: Actor, caseId: string, dto: RecordVisitDto): Promise<VisitResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'activity.record', caseId, {
        lock: 'update',
      });
      if (!c.childIds.includes(dto.childId)) {
        throw validationFailed('childId', 'not a child of this case');
      }
      assertOpenCase(c);
      requireDateInRange('date', dto.date, this.clock.today(), c.referralDate, 'the referral');
      const visit = await this.activities.insertVisit(m, {
        caseId,
        la: c.localAuthorityId,
        childId: dto.childId,
        date: dto.date,
        seenAlone: dto.seenAlone,
        summary: dto.summary || null,
        recordedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'visit_recorded',
        summary: `Visit on ${dto.date}: child ${dto.seenAlone ? 'seen alone' : 'not seen alone'}`,
        data: { visitId: visit.id, childId: dto.childId, date: dto.date, seenAlone: dto.seenAlone },
        recordType: 'case_visit',
        recordId: visit.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'visit.record',
          recordType: 'case_visit',
          recordId: visit.id,
          childIds: [dto.childId],
          changes: diffFields({}, visit, ['childId', 'date', 'seenAlone', 'summary']),
          metadata: { caseId },
        },
        m,
      );
      return visit;
    });
  }

  listVisits(actor: Actor, caseId: string): Promise<VisitResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.read', caseId);
      const rows = await this.activities.findVisits(m, c.localAuthorityId, [caseId]);
      await this.audit.record(
        { action: 'visit.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return rows;
    });
  }
}
