/**
 * The front door's scenario events (docs/scenarios.md): a contact about the case's children,
 * its decision, authorisation and feedback, applied through the front door's own service and
 * DTO validation. A contact is received at 09:00 on its day, decided at 11:00 and authorised at
 * 12:00 on theirs (recorded after the fact, so the timescale reads the scenario's dates).
 */
import type { Actor } from 'src/access/actor';
import { validateBody } from 'src/common/validate-body';
import type { ContactService } from 'src/front-door/contact.service';
import {
  ContactAuthorisationDto,
  ContactDecisionDto,
  ContactFeedbackDto,
  CreateContactDto,
} from 'src/front-door/dto/contact.dto';
import type { IsoDate } from 'src/timescales/working-days';
import type { EventOf } from './scenario-format';

type ContactEvent = EventOf<
  'contact' | 'contact_decision' | 'contact_authorisation' | 'contact_feedback'
>;

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** `hour`:00 in England on `day`, as an instant. */
function at(day: IsoDate, hour: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour);
  const londonHour = Number(LONDON_HOUR.format(new Date(guess)));
  return new Date(guess - (londonHour - hour) * 3_600_000).toISOString();
}

export async function runContactEvent(
  contacts: ContactService,
  e: ContactEvent,
  actor: Actor,
  kase: { id: string; childIds: string[] },
  on: IsoDate,
  keys: { people: (k: readonly string[]) => string[]; ref: (k: string) => string },
): Promise<string | null> {
  switch (e.do) {
    case 'contact': {
      const childIds = e.children ? keys.people(e.children) : kase.childIds;
      const body = {
        receivedAt: at(on, 9),
        referrer: e.referrer ?? {},
        source: e.source,
        children: childIds.map((personId) => ({ personId })),
        concern: e.concern,
        urgency: e.urgency,
        consent: e.notInformedReason
          ? { informed: false, reason: e.notInformedReason }
          : { informed: true },
      };
      return (await contacts.create(actor, validateBody(CreateContactDto, body))).id;
    }
    case 'contact_decision': {
      const body = {
        outcome: e.outcome,
        rationale: e.rationale,
        ...(e.onCase ? { caseId: kase.id } : {}),
        decidedAt: at(on, 11),
      };
      const id = keys.ref(e.contact);
      await contacts.decide(actor, id, validateBody(ContactDecisionDto, body));
      return id;
    }
    case 'contact_authorisation': {
      const id = keys.ref(e.contact);
      await contacts.authorise(
        actor,
        id,
        validateBody(ContactAuthorisationDto, { authorisedAt: at(on, 12) }),
      );
      return id;
    }
    case 'contact_feedback': {
      const id = keys.ref(e.contact);
      await contacts.feedback(actor, id, validateBody(ContactFeedbackDto, { summary: e.summary }));
      return id;
    }
  }
}
