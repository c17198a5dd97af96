import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, validationFailed } from 'src/common/domain-error';
import { ConferenceReportRepository } from './conference-report.repository';
import { CONFERENCE } from './record-kinds';
import type {
  ConferenceReportResponse,
  SubmitConferenceReportDto,
} from './dto/conference-report.dto';

const RECORD = (id: string) => ({ kind: CONFERENCE, id });

/**
 * The agency a caller reports for: a MACPT member for their own agency (when their account names
 * one), the case's own staff for social care.
 */
export function reportingAgencyProblem(actor: Actor, agency: string): string | null {
  if (actor.roles.includes('macpt_member')) {
    return actor.agency && actor.agency !== agency
      ? `you report for ${actor.agency}`
      : agency === 'social_care'
        ? "social care's report is the case's own staff's"
        : null;
  }
  return agency === 'social_care' ? null : "the case's own staff report for social_care";
}

/**
 * Agency reports to a conference (docs/conferences.md, "Agency reports"): the agencies' MACPT
 * members (while their team's work on the case is open) and the case's own staff submit one each
 * before the conference concludes; readers of the case and the conference's chair read them.
 */
@Injectable()
export class ConferenceReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: ConferenceReportRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  submit(
    actor: Actor,
    id: string,
    dto: SubmitConferenceReportDto,
  ): Promise<ConferenceReportResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'conference.report', RECORD(id), {
        lock: 'update',
      });
      if (c.stage === 'closed') throw conflict('case_closed', 'The case is closed');
      const la = c.localAuthorityId;
      if ((await this.repo.status(m, la, id)) === 'concluded') {
        throw conflict('conference_already_concluded', 'The conference has concluded');
      }
      const problem = reportingAgencyProblem(actor, dto.agency);
      if (problem) throw validationFailed('agency', problem);
      const r = await this.repo.insert(m, la, {
        conferenceId: id,
        agency: dto.agency,
        authorId: actor.id,
        summary: dto.summary.trim(),
        recommendation: dto.recommendation,
      });
      if (!r) {
        throw conflict('report_already_submitted', 'You have already reported to this conference');
      }
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: la,
        type: 'conference_report_submitted',
        summary: `Conference report from ${dto.agency.replace(/_/g, ' ')} (recommends: ${dto.recommendation.replace(/_/g, ' ')})`,
        data: { conferenceId: id, reportId: r.id, agency: dto.agency },
        recordType: 'cp_conference',
        recordId: id,
      });
      await this.audit.record(
        {
          action: 'conference.report',
          recordType: 'cp_conference',
          recordId: id,
          childIds: c.childIds,
          changes: {
            agency: { before: null, after: dto.agency },
            recommendation: { before: null, after: dto.recommendation },
          },
          metadata: { caseId: c.id, reportId: r.id },
        },
        m,
      );
      return r;
    });
  }

  list(actor: Actor, id: string): Promise<ConferenceReportResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'conference.read', RECORD(id));
      return this.repo.list(m, c.localAuthorityId, id);
    });
  }
}
