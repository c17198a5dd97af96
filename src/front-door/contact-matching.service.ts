import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { londonDate, matchReason, MATCH_RANK, monthsBefore, transposedDate } from './contact-rules';
import { ContactRepository } from './contact.repository';
import { ContactService } from './contact.service';
import type { MatchCandidate, MatchList } from './dto/contact.dto';

/**
 * Matching a contact's children to people already known (docs/front-door.md "Matching"):
 * exact NHS number first, then names within a typo allowance with the date of birth equal or
 * day and month transposed. Involvement is shown per case only where the caller may read it.
 */
@Injectable()
export class ContactMatchingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ContactRepository,
    private readonly contacts: ContactService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async matches(actor: Actor, id: string): Promise<MatchList> {
    return this.ds.transaction(async (m) => {
      const c = await this.contacts.requireForScreening(m, actor, id);
      const la = c.localAuthorityId;
      const nhs = c.children.flatMap((k) => (k.nhsNumber ? [k.nhsNumber] : []));
      const dates = c.children.flatMap((k) =>
        k.dateOfBirth ? [k.dateOfBirth, transposedDate(k.dateOfBirth)].filter((d) => !!d) : [],
      ) as string[];
      const pool = await this.repo.candidates(m, la, nhs, dates);
      const found: {
        childIndex: number;
        personId: string;
        reason: ReturnType<typeof matchReason>;
      }[] = [];
      for (const k of c.children)
        for (const p of pool) {
          const reason = matchReason(k, p);
          if (reason) found.push({ childIndex: k.position, personId: p.id, reason });
        }
      const ids = [...new Set(found.map((f) => f.personId))];
      const involvement = await this.repo.involvement(m, la, ids);
      const readable = await this.access.allowedCases(m, actor, 'case.read', [
        ...new Set(involvement.map((i) => i.caseId)),
      ]);
      const recent = await this.repo.recentContacts(
        m,
        la,
        ids,
        monthsBefore(londonDate(c.receivedAt), this.contacts.repeatRule.months),
        c.id,
      );
      const byId = new Map(pool.map((p) => [p.id, p]));
      const candidates: MatchCandidate[] = found
        .sort(
          (a, b) => a.childIndex - b.childIndex || MATCH_RANK[a.reason!] - MATCH_RANK[b.reason!],
        )
        .map((f) => {
          const p = byId.get(f.personId)!;
          const mine = involvement.filter((i) => i.personId === f.personId);
          const seen = mine.filter((i) => readable.has(i.caseId));
          const contacts = recent.get(f.personId) ?? 0;
          return {
            childIndex: f.childIndex,
            personId: p.id,
            familyId: p.familyId,
            firstName: p.firstName,
            lastName: p.lastName,
            dateOfBirth: p.dateOfBirth,
            reason: f.reason!,
            knownToServices: mine.length > 0 || contacts > 0,
            openCases: seen
              .filter((i) => i.stage !== 'closed')
              .map((i) => ({
                caseId: i.caseId,
                stage: i.stage,
                teamId: i.teamId,
                teamName: i.teamName,
              })),
            pastCpPlans: seen.reduce((n, i) => n + i.cpPlans, 0),
            contactsLast12Months: contacts,
            hiddenInvolvement: seen.length < mine.length,
          };
        });
      await this.audit.record(
        {
          action: 'contact.match',
          recordType: 'contact',
          recordId: id,
          childIds: ids,
          metadata: { candidates: candidates.length },
        },
        m,
      );
      return { candidates };
    });
  }
}
