/**
 * Issue 32, "what a newcomer still trips on": one engine answers "is it overdue?" on the case
 * view, the caseload's overdue filter and the managers' overdue list; a report as at a past day
 * counts only what had happened by then.
 */
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import {
  coWorkedCase,
  cspBody,
  fnpBody,
  newNetworkMember,
  newPartner,
  share,
  PAST,
  planFootprint,
  startCsp,
  TODAY,
} from './utils/plan.factories';
import {
  closeDb,
  convenedAndOnPlan,
  caseInChildProtection,
  decide,
  seedCase,
} from './utils/cp.factories';

describe('practice truth, round two', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const get = (path: string, who: TestUser) => t.req().get(`${API}${path}`).set(bearer(who.token));
  const post = (path: string, who: TestUser, body: object) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);

  /** Every page of the managers' overdue list, as (case, kind, due date). */
  async function overdueList(who: TestUser, asOf = TEST_TODAY) {
    const res = await get(`/timescales/overdue?asOf=${asOf}&limit=100`, who);
    expect(res.status).toBe(200);
    return res.body.data.map((i: { caseId: string; kind: string; dueDate: string }) => [
      i.caseId,
      i.kind,
      i.dueDate,
    ]);
  }
  async function overdueCaseIds(who: TestUser): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/cases?overdue=true&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        who,
      );
      expect(res.status).toBe(200);
      ids.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  }

  describe('one engine answers "is it overdue?" everywhere', () => {
    // Referral 1 Sept 2026: assessment due 3 Nov 2026, never done; closed 1 Dec 2026 (the item
    // is history); reopened on 1 Apr 2027 with a new referral (assessment due 7 Jun 2027, after the
    // May bank holidays).
    let reopened: string;
    // Referral 4 Jan 2027: assessment due 8 Mar 2027, not done by 30 Apr 2027: overdue work.
    let late: string;
    beforeAll(async () => {
      reopened = (await seedCase(t, w, { referralDate: '2026-09-01' })).caseId;
      await post(`/cases/${reopened}/close`, w.manager, {
        reason: 'RC8',
        closedOn: '2026-12-01',
      }).expect(200);
      await post(`/cases/${reopened}/reopen`, w.practitioner, {
        reason: 'New referral from school about attendance',
        referral: { date: '2027-04-01', source: '2A' },
      }).expect(200);
      late = (await seedCase(t, w, { referralDate: '2027-01-04' })).caseId;
    });

    it.each(['practitioner', 'manager'] as const)(
      "%s: a reopened case's view shows the new assessment next and nothing overdue",
      async (role) => {
        const res = await get(`/cases/${reopened}`, w[role]);
        expect(res.status).toBe(200);
        expect(res.body.nextTimescale).toEqual({
          kind: 'assessment',
          dueDate: '2027-06-07',
          status: 'due',
        });
        expect(res.body.overdueCount).toBe(0);
        // The ended referral's item stays listed as history.
        const items = (await get(`/cases/${reopened}/timescales`, w[role])).body.data;
        expect(items[0]).toEqual({
          kind: 'assessment',
          dueDate: '2026-11-03',
          status: 'overdue',
          endedOn: '2026-12-01',
        });
      },
    );

    it('practitioner: /cases?overdue=true lists the late case and not the reopened one', async () => {
      const ids = await overdueCaseIds(w.practitioner);
      expect(ids).toContain(late);
      expect(ids).not.toContain(reopened);
    });

    it('family_help_manager: /timescales/overdue agrees with the case view', async () => {
      const items = await overdueList(w.manager);
      expect(items).toContainEqual([late, 'assessment', '2027-03-08']);
      expect(items.filter((i: string[]) => i[0] === reopened)).toEqual([]);
      const view = (await get(`/cases/${late}`, w.manager)).body;
      expect(view.overdueCount).toBe(items.filter((i: string[]) => i[0] === late).length);
    });
  });

  describe('asOf: a report for a past day counts only what had happened by then', () => {
    it('cp_manager: the overdue list for a past day keeps a core group overdue that day though the plan ended later', async () => {
      const kase = await caseInChildProtection(t, w, {
        strategyDiscussionDate: '2026-12-18',
        referralDate: '2026-12-15',
      });
      await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12');
      // First core group due 26 Jan 2027, never held; the plan ends on 1 March 2027.
      await decide(t, kase, w.ecpp, {
        type: 'end_child_protection_plan',
        effectiveDate: '2027-03-01',
        exception: 'moved_to_other_la',
        exceptionReason: 'The family moved to another local authority, which took the plan over.',
      });
      expect(await overdueList(w.cpManager, '2027-02-01')).toContainEqual([
        kase.caseId,
        'core_group',
        '2027-01-26',
      ]);
      expect(
        (await overdueList(w.cpManager)).filter(
          (i: string[]) => i[0] === kase.caseId && i[1] === 'core_group',
        ),
      ).toEqual([]);
    });

    it('family_help_manager: a case closed later is in the overdue list of a day it was open', async () => {
      const kase = await seedCase(t, w, { referralDate: '2026-10-01' });
      // Assessment due 3 Dec 2026, never done; the case closed on 1 Feb 2027.
      await post(`/cases/${kase.caseId}/close`, w.manager, {
        reason: 'RC8',
        closedOn: '2027-02-01',
      }).expect(200);
      expect(await overdueList(w.manager, '2027-01-15')).toContainEqual([
        kase.caseId,
        'assessment',
        '2026-12-03',
      ]);
      expect((await overdueList(w.manager)).filter((i: string[]) => i[0] === kase.caseId)).toEqual(
        [],
      );
    });

    it('family_help_manager: a case reopened after the day shows that day only its first referral', async () => {
      const kase = await seedCase(t, w, { referralDate: '2026-09-01' });
      await post(`/cases/${kase.caseId}/close`, w.manager, {
        reason: 'RC8',
        closedOn: '2026-10-01',
      }).expect(200);
      await post(`/cases/${kase.caseId}/reopen`, w.practitioner, {
        reason: 'New referral from the health visitor',
        referral: { date: '2027-02-01', source: '2A' },
      }).expect(200);
      const at = async (asOf: string) =>
        (await get(`/cases/${kase.caseId}/timescales?asOf=${asOf}`, w.manager)).body.data;
      // 1 Jan 2027: the first referral ended before its assessment was due; the second not yet made.
      expect(await at('2027-01-01')).toEqual([]);
      expect(await at('2026-08-31')).toEqual([]);
      expect((await at('2027-02-02')).map((i: { dueDate: string }) => i.dueDate)).toEqual([
        '2027-04-07',
      ]);
    });
  });

  describe("a child's safetyPlanId is the plan's id", () => {
    it.each(['practitioner', 'ecpp'] as const)(
      '%s: children[].safetyPlanId opens the Child Community Safety Plan',
      async (role) => {
        const kase = await coWorkedCase(t, w);
        const plan = await startCsp(t, w, kase);
        const view = (await get(`/cases/${kase.caseId}`, w[role])).body;
        const child = view.children.find((c: { id: string }) => c.id === kase.childIds[0]);
        expect(child.safetyPlanId).toBe(plan.id);
        expect(child.safetyPlanId).not.toBe(plan.startDecisionId);
        const other = view.children.find((c: { id: string }) => c.id === kase.childIds[1]);
        expect(other.safetyPlanId).toBeNull();
        const res = await get(`/community-safety-plans/${child.safetyPlanId}`, w[role]);
        expect([res.status, res.body.id]).toEqual([200, plan.id]);
      },
    );
  });

  describe('date rules for meetings and plans', () => {
    /** 400 with exactly one field error on `field` whose message names `date`. */
    const refusedOn = (
      res: { status: number; body: { errors?: unknown } },
      field: string,
      date: string,
    ) =>
      expect([res.status, res.body.errors]).toEqual([
        400,
        [{ field, message: expect.stringContaining(date) }],
      ]);
    const fgdm = (date: string) => ({
      date,
      coordinator: 'Sam Okoro (independent coordinator)',
      attendees: { professionals: [{ name: 'Priya Shah', role: 'school DSL' }] },
    });

    it.each(['practitioner', 'ecpp'] as const)(
      '%s: an FGDM meeting dated before the referral is refused naming the referral date; on it, recorded',
      async (role) => {
        const kase = await coWorkedCase(t, w); // referral 1 Sept 2026
        const before = await planFootprint(t, kase.caseId);
        refusedOn(
          await post(`/cases/${kase.caseId}/fgdm-meetings`, w[role], fgdm('2026-08-31')),
          'date',
          PAST.referral,
        );
        expect(await planFootprint(t, kase.caseId)).toEqual(before);
        await post(`/cases/${kase.caseId}/fgdm-meetings`, w[role], fgdm(PAST.referral)).expect(201);
      },
    );

    describe('Family Network Plans', () => {
      let kase: Awaited<ReturnType<typeof coWorkedCase>>;
      let carer: string;
      beforeAll(async () => {
        kase = await coWorkedCase(t, w);
        carer = await newNetworkMember(t, w.practitioner, kase.familyId);
      });

      it('practitioner: a plan drafted today with its review date already past is refused (reviewDate)', async () => {
        const before = await planFootprint(t, kase.caseId);
        const res = await post(`/cases/${kase.caseId}/family-network-plans`, w.practitioner, {
          ...fnpBody(kase, carer),
          reviewDate: '2027-04-01',
        });
        refusedOn(res, 'reviewDate', TODAY);
        expect(await planFootprint(t, kase.caseId)).toEqual(before);
      });

      it('practitioner: a plan recorded late (draftedOn) may have a review now overdue; draftedOn is not before the referral', async () => {
        refusedOn(
          await post(`/cases/${kase.caseId}/family-network-plans`, w.practitioner, {
            ...fnpBody(kase, carer),
            draftedOn: '2026-08-01',
          }),
          'draftedOn',
          PAST.referral,
        );
        const res = await post(`/cases/${kase.caseId}/family-network-plans`, w.practitioner, {
          ...fnpBody(kase, carer),
          draftedOn: '2027-03-01',
          reviewDate: '2027-04-01',
        });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ draftedOn: '2027-03-01', nextReviewDate: '2027-04-01' });
      });

      it('family_help_manager agrees; practitioner: a review dated before the plan was drafted is refused (reviewedOn)', async () => {
        const plan = (
          await post(`/cases/${kase.caseId}/family-network-plans`, w.practitioner, {
            ...fnpBody(kase, carer),
            draftedOn: '2027-03-01',
            reviewDate: '2027-04-01',
          }).expect(201)
        ).body;
        await post(`/family-network-plans/${plan.id}/agreements`, w.manager, {}).expect(201);
        const before = await planFootprint(t, kase.caseId);
        refusedOn(
          await post(`/family-network-plans/${plan.id}/reviews`, w.practitioner, {
            reviewedOn: '2027-02-26',
            summary: 'Arrangement working.',
            nextReviewDate: '2027-08-01',
          }),
          'reviewedOn',
          '2027-03-01',
        );
        expect(await planFootprint(t, kase.caseId)).toEqual(before);
        await post(`/family-network-plans/${plan.id}/reviews`, w.practitioner, {
          reviewedOn: '2027-03-01',
          summary: 'Arrangement working.',
          nextReviewDate: '2027-08-01',
        }).expect(201);
      });

      it('practitioner: an edit moving the review date into the past is refused (reviewDate)', async () => {
        const plan = (
          await post(`/cases/${kase.caseId}/family-network-plans`, w.practitioner, {
            ...fnpBody(kase, carer),
          }).expect(201)
        ).body;
        const res = await t
          .req()
          .patch(`${API}/family-network-plans/${plan.id}`)
          .set(bearer(w.practitioner.token))
          .set('If-Match', `"${plan.version}"`)
          .send({ reviewDate: '2027-04-29' });
        refusedOn(res, 'reviewDate', TODAY);
      });
    });

    it('ecpp: a Child Community Safety Plan whose review falls before its start is refused (reviewDate)', async () => {
      const kase = await coWorkedCase(t, w);
      const before = await planFootprint(t, kase.caseId);
      const res = await post(`/cases/${kase.caseId}/community-safety-plans`, w.ecpp, {
        ...cspBody(kase.childIds[0]),
        effectiveDate: '2027-04-20',
        reviewDate: '2027-04-19',
      });
      refusedOn(res, 'reviewDate', '2027-04-20');
      expect(await planFootprint(t, kase.caseId)).toEqual(before);
    });
  });

  describe('Family Network Plan versions: the version in force', () => {
    it('practitioner edits an active plan: it stays active on version 1 until family_help_manager agrees version 2; partner sees only the version in force; one-off costs kept', async () => {
      const kase = await coWorkedCase(t, w);
      const carer = await newNetworkMember(t, w.practitioner, kase.familyId);
      const partner = await newPartner(t, w.la.id, 'education');
      const plan = (
        await post(`/cases/${kase.caseId}/family-network-plans`, w.practitioner, {
          ...fnpBody(kase, carer),
        }).expect(201)
      ).body;
      const path = `/family-network-plans/${plan.id}`;
      await post(`${path}/agreements`, w.manager, {}).expect(201);
      const active = await post(`${path}/activate`, w.practitioner, {}).expect(200);
      await share(t, w.practitioner, path, partner);

      const edited = await t
        .req()
        .patch(`${API}${path}`)
        .set(bearer(w.practitioner.token))
        .set('If-Match', active.headers.etag as string)
        .send({ supportPackage: { weeklyAllowance: 20000 } });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ status: 'active', currentVersion: 2, agreedVersion: 1 });
      // PATCH merges the support package: the one-off costs and other fields stay.
      expect(edited.body.supportPackage).toEqual({
        ...fnpBody(kase, carer).supportPackage,
        weeklyAllowance: 20000,
      });

      const seen = async () => (await get(path, partner).expect(200)).body;
      expect((await seen()).supportPackage.weeklyAllowance).toBe(15000);
      expect((await seen()).status).toBe('active');
      const versions = (await get(`${path}/versions`, partner).expect(200)).body.data;
      expect(versions.map((v: { number: number }) => v.number)).toEqual([1]);

      // Reviews go on while version 1 is in force.
      await post(`${path}/reviews`, w.practitioner, {
        reviewedOn: TODAY,
        summary: 'Arrangement working.',
        nextReviewDate: '2027-09-01',
      }).expect(201);

      const agreed = await post(`${path}/agreements`, w.manager, {}).expect(201);
      expect(agreed.body).toMatchObject({ status: 'active', agreedVersion: 2 });
      expect((await seen()).supportPackage.weeklyAllowance).toBe(20000);
      await post(`${path}/agreements`, w.manager, {}).expect(409);
    });
  });

  describe('team membership', () => {
    const members = async (teamId: string) =>
      (await get(`/teams/${teamId}`, w.laAdmin).expect(200)).body.members.map(
        (x: { userId: string }) => x.userId,
      );

    it("la_admin ends a member's membership: the team no longer lists them and they may no longer work on its cases (403)", async () => {
      const member = await newUser(t, w.la.id, ['family_help_practitioner']);
      await post(`/teams/${w.fhTeam.id}/members`, w.laAdmin, {
        userId: member.id,
        profession: 'family_support_worker',
      }).expect(201);
      const kase = await seedCase(t, w);
      const note = { body: 'Visited the family; the children were seen.' };
      await post(`/cases/${kase.caseId}/notes`, member, note).expect(201);
      const res = await t
        .req()
        .delete(`${API}/teams/${w.fhTeam.id}/members/${member.id}`)
        .set(bearer(w.laAdmin.token));
      expect(res.status).toBe(204);
      expect(await members(w.fhTeam.id)).not.toContain(member.id);
      await post(`/cases/${kase.caseId}/notes`, member, note).expect(403);
    });

    it.each(['manager', 'practitioner', 'cpManager'] as const)(
      '%s cannot end a membership (403); nothing changes',
      async (role) => {
        const before = await members(w.fhTeam.id);
        await t
          .req()
          .delete(`${API}/teams/${w.fhTeam.id}/members/${w.practitioner.id}`)
          .set(bearer(w[role].token))
          .expect(403);
        expect(await members(w.fhTeam.id)).toEqual(before);
      },
    );

    it('la_admin cannot add a partner agency user (police) to a Family Help team (409, nothing written)', async () => {
      const police = await newPartner(t, w.la.id, 'police');
      const before = await members(w.fhTeam.id);
      const res = await post(`/teams/${w.fhTeam.id}/members`, w.laAdmin, {
        userId: police.id,
        profession: 'social_worker',
      });
      expect([res.status, res.body.code]).toEqual([409, 'partner_not_team_member']);
      expect(await members(w.fhTeam.id)).toEqual(before);
    });
  });

  describe('indicator periods are calendar periods', () => {
    it.each(['cpManager', 'auditor'] as const)(
      '%s: the default period is the 12 calendar months up to `to`; exactly three years is accepted',
      async (role) => {
        const year = await get('/indicators?to=2026-12-06', w[role]).expect(200);
        expect([year.body.from, year.body.to]).toEqual(['2026-01-01', '2026-12-06']);
        await get('/indicators?from=2023-01-01&to=2026-01-01', w[role]).expect(200);
        const longer = await get('/indicators?from=2023-01-01&to=2026-01-02', w[role]);
        expect([longer.status, longer.body.errors?.[0]?.field]).toEqual([400, 'to']);
      },
    );
  });
});
