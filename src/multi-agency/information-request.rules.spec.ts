import {
  checkResponse,
  isOverdue,
  REQUEST_STATUSES,
  RequestStatus,
  Response,
} from './information-request.rules';

const RESPONSES: Response[] = ['acknowledge', 'answer', 'decline', 'withdraw'];

describe('information request states: sent → acknowledged → answered | declined | withdrawn', () => {
  const expected: Record<RequestStatus, Record<Response, string>> = {
    sent: { acknowledge: 'ok', answer: 'ok', decline: 'ok', withdraw: 'ok' },
    acknowledged: {
      acknowledge: 'already_acknowledged',
      answer: 'ok',
      decline: 'ok',
      withdraw: 'ok',
    },
    answered: {
      acknowledge: 'request_closed',
      answer: 'request_closed',
      decline: 'request_closed',
      withdraw: 'request_closed',
    },
    declined: {
      acknowledge: 'request_closed',
      answer: 'request_closed',
      decline: 'request_closed',
      withdraw: 'request_closed',
    },
    withdrawn: {
      acknowledge: 'request_closed',
      answer: 'request_closed',
      decline: 'request_closed',
      withdraw: 'request_closed',
    },
  };
  it.each(REQUEST_STATUSES.flatMap((s) => RESPONSES.map((r) => [s, r] as const)))(
    '%s, %s',
    (status, response) => {
      const r = checkResponse(status, response);
      expect(r.ok ? 'ok' : r.code).toBe(expected[status][response]);
    },
  );
});

describe('overdue is derived: open and past its due time', () => {
  const now = new Date('2026-12-18T10:00:00Z');
  it.each([
    ['sent', '2026-12-18T09:59:59Z', true],
    ['acknowledged', '2026-12-18T09:00:00Z', true],
    ['sent', '2026-12-18T10:00:00Z', false],
    ['answered', '2026-12-17T09:00:00Z', false],
    ['declined', '2026-12-17T09:00:00Z', false],
    ['withdrawn', '2026-12-17T09:00:00Z', false],
  ] as const)('%s due %s → overdue %s', (status, due, overdue) => {
    expect(isOverdue(status, due, now)).toBe(overdue);
  });
});
