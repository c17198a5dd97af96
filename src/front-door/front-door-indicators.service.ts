import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { Clock } from 'src/common/clock';
import { validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { addDays } from 'src/common/working-days';
import { monthsBefore } from './contact-rules';
import { frontDoorCounts } from './contact.repository';
import { ContactService } from './contact.service';
import { frontDoorIndicators, type FrontDoorIndicators } from './front-door-indicators';

/** The front door's indicators for the local authority (counts only; no case content). */
@Injectable()
export class FrontDoorIndicatorsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly contacts: ContactService,
  ) {}

  async get(actor: Actor, q: { from?: string; to?: string }): Promise<FrontDoorIndicators> {
    const la = actorLa(actor);
    const today = this.clock.today();
    const to = q.to ?? today;
    const from = q.from ?? addDays(monthsBefore(to, 12), 1);
    if (to > today) throw validationFailed('to', `${to} is in the future (today is ${today})`);
    if (from > to) throw validationFailed('from', 'must be on or before to');
    if (from < monthsBefore(to, 36)) throw validationFailed('from', 'at most three years');
    const counts = await frontDoorCounts(
      this.ds.manager,
      la,
      from,
      to,
      today,
      this.contacts.repeatRule.months,
    );
    await this.audit.record({
      action: 'indicators.read',
      recordType: 'local_authority',
      recordId: la,
      metadata: { indicators: 'front_door', from, to },
    });
    return frontDoorIndicators(from, to, counts);
  }
}
