import { runScenarioCli } from 'src/training/scenario-cli';
import { addWorkingDays, todayIso } from 'src/common/working-days';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { scenarioDir } from './utils/scenario-fixtures';
import { As, TRAINING_APP_ENV } from './utils/scenario-stories';

/**
 * The before-proceedings scenarios (issue 27), loaded through the trainer API and read as the
 * users each run created: the FGDM duty met by offers (fgdm-kinship-pre-proceedings) and by an
 * authorised exemption (urgent-newborn), and who may see and do what.
 */
describe('before-proceedings scenarios', () => {
  let t: TestApp;
  let w: World;
  let kinship: Record<string, As>;
  let newborn: Record<string, As>;

  async function load(name: string) {
    const res = await t
      .req()
      .post(`${API}/training/scenarios/${name}/runs`)
      .set(bearer(w.trainer.token))
      .send({});
    expect(res.status).toBe(201);
    const users: Record<string, As> = {};
    for (const u of res.body.users as { email: string; password: string }[])
      users[u.email.split('@')[0]] = await As.login(t, u);
    return users;
  }

  async function onlyCase(u: As) {
    const list = await u.get<{ data: { id: string }[] }>('/cases');
    expect(list.data).toHaveLength(1);
    return u.get(`/cases/${list.data[0].id}`);
  }

  /** Person id → first name, from the case's family. */
  async function names(u: As, familyId: string): Promise<Record<string, string>> {
    const f = await u.get<{ members: { id: string; firstName: string }[] }>(
      `/families/${familyId}`,
    );
    return Object.fromEntries(f.members.map((m) => [m.id, m.firstName]));
  }

  const decisions = async (u: As, caseId: string) =>
    (await u.get<{ data: { type: string; effectiveDate: string }[] }>(`/cases/${caseId}/decisions`))
      .data;
  const timescales = async (u: As, caseId: string) => {
    const body = await u.get<any[] | { data: any[] }>(`/cases/${caseId}/timescales`);
    return Array.isArray(body) ? body : body.data;
  };

  beforeAll(async () => {
    t = await createTestApp(TRAINING_APP_ENV);
    w = await newWorld(t);
    kinship = await load('fgdm-kinship-pre-proceedings');
    newborn = await load('urgent-newborn');
  });
  afterAll(() => t.close());

  describe('fgdm-kinship-pre-proceedings', () => {
    it('practitioner: pre-proceedings ended at week 14 with a step-down to child protection', async () => {
      const kase = await onlyCase(kinship.practitioner);
      expect(kase.stage).toBe('child_protection');
      const list = await decisions(kinship.practitioner, kase.id);
      const on = (type: string) => list.find((d) => d.type === type)?.effectiveDate;
      const began = on('initiate_pre_proceedings') as string;
      expect(began).toBeDefined();
      expect(on('end_pre_proceedings')).toBe(addWorkingDays(began, 70));
      expect(on('apply_for_care_proceedings')).toBeUndefined();
    });

    it("practitioner: the mother's offer is accepted, the silent father's timed out after 5 working days; the duty is met", async () => {
      const kase = await onlyCase(kinship.practitioner);
      const bp = await kinship.practitioner.get(`/cases/${kase.id}/before-proceedings`);
      const who = await names(kinship.practitioner, kase.familyId);
      const offers = Object.fromEntries(
        bp.offers.map((o: any) => [who[o.offeredToId], o]),
      ) as Record<string, any>;
      expect(Object.keys(offers).sort()).toEqual(['Jason', 'Kerry']);
      expect(offers.Kerry).toMatchObject({ status: 'accepted', response: 'accepted' });
      expect(offers.Jason).toMatchObject({
        status: 'timed_out',
        response: null,
        answerBy: addWorkingDays(offers.Jason.offeredOn, 5),
      });
      for (const o of bp.offers) expect([...o.childIds].sort()).toEqual([...kase.childIds].sort());
      // Both parents hold PR for both children.
      for (const h of bp.prHolders)
        expect(h.personIds.map((p: string) => who[p]).sort()).toEqual(['Jason', 'Kerry']);
      expect(bp.duty).toMatchObject({ offersMissing: [], gaps: [] });
      expect(bp.exemptions).toEqual([]);
      expect(bp.preProceedingsMeetings.map((m: any) => m.kind)).toEqual(['initial', 'review']);
    });

    it('service manager: reads the page and chaired the legal gateway meeting that decided pre-proceedings', async () => {
      const kase = await onlyCase(kinship['service-manager']);
      const bp = await kinship['service-manager'].get(`/cases/${kase.id}/before-proceedings`);
      expect(bp.legalGatewayMeetings).toEqual([
        expect.objectContaining({
          chairId: kinship['service-manager'].id,
          decision: 'pre_proceedings',
        }),
      ]);
    });

    it("coordinator: sees only their own referral; the other coordinator's referral and the case are hidden", async () => {
      const kase = await onlyCase(kinship.practitioner);
      const bp = await kinship.practitioner.get(`/cases/${kase.id}/before-proceedings`);
      const byCoordinator = Object.fromEntries(
        bp.referrals.map((r: any) => [r.coordinatorId, r]),
      ) as Record<string, any>;
      const mine = byCoordinator[kinship.coordinator.id];
      const handedBack = byCoordinator[kinship['coordinator-2'].id];
      expect(mine.status).toBe('family_plan_agreed');
      expect(handedBack.status).toBe('closed');

      const list = await kinship.coordinator.get('/fgdm-referrals?mine=true');
      expect(list.data.map((r: any) => r.id)).toEqual([mine.id]);
      expect(list.data[0].family.name).toBe('Penrose');
      expect(list.data[0].caseId).toBeUndefined();
      await kinship.coordinator.get(`/fgdm-referrals/${handedBack.id}`, 404);
      await kinship['coordinator-2'].get(`/fgdm-referrals/${mine.id}`, 404);
      await kinship.coordinator.get(`/cases/${kase.id}/before-proceedings`, 403);
    });

    it('practitioner: the timescales show the conferences, visits, core groups, the pre-proceedings review and pre-proceedings itself met on time, and no care-proceedings clock', async () => {
      const kase = await onlyCase(kinship.practitioner);
      const items = await timescales(kinship.practitioner, kase.id);
      const status = (kind: string) => items.filter((i) => i.kind === kind).map((i) => i.status);
      expect(status('initial_cp_conference')).toEqual(['met']);
      expect(status('review_cp_conference')).toContain('met');
      expect(status('family_network_plan_review')).toContain('met');
      expect(status('pre_proceedings')).toEqual(['met']);
      expect(status('pre_proceedings_review')).toEqual(['met']);
      expect(status('care_proceedings')).toEqual([]);
      expect(items.filter((i) => i.status === 'overdue' || i.status === 'met_late')).toEqual([]);
    });
  });

  describe('urgent-newborn', () => {
    it('ecpp: the urgent application was issued and proceedings concluded within 26 weeks of issue (care_proceedings met); the case is back in Family Help', async () => {
      const kase = await onlyCase(newborn.ecpp);
      expect(kase.stage).toBe('family_help');
      const types = (await decisions(newborn.ecpp, kase.id)).map((d) => d.type);
      expect(types).toEqual(
        expect.arrayContaining(['apply_for_care_proceedings', 'conclude_care_proceedings']),
      );
      expect(types).not.toContain('initiate_pre_proceedings');
      const items = await timescales(newborn.ecpp, kase.id);
      const care = items.filter((i) => i.kind === 'care_proceedings');
      expect(care.map((i) => i.status)).toEqual(['met']);
      expect(care[0].metAt < care[0].dueDate).toBe(true);
      expect(items.some((i) => i.kind === 'pre_proceedings')).toBe(false);
    });

    it('practitioner: the exemption from the offer is authorised by the service manager, not its proposer; no offer was needed', async () => {
      const kase = await onlyCase(newborn.practitioner);
      const bp = await newborn.practitioner.get(`/cases/${kase.id}/before-proceedings`);
      expect(bp.exemptions).toEqual([
        expect.objectContaining({
          scope: 'offer',
          childIds: kase.childIds,
          proposedById: newborn.ecpp.id,
          authorisedById: newborn['service-manager'].id,
          authorisedOn: todayIso(),
        }),
      ]);
      expect(bp.exemptions[0].reason.length).toBeGreaterThanOrEqual(50);
      expect(bp.offers).toEqual([]);
      expect(bp.referrals).toEqual([]);
      expect(bp.duty).toMatchObject({ offersMissing: [], gaps: [] });
      expect(bp.legalGatewayMeetings).toEqual([
        expect.objectContaining({ decision: 'issue', chairId: newborn['service-manager'].id }),
      ]);
    });

    it('practitioner and ecpp cannot authorise an exemption (403); the service manager can', async () => {
      const kase = await onlyCase(newborn.practitioner);
      const proposed = await newborn.practitioner.send(
        'post',
        `/cases/${kase.id}/fgdm-exemptions`,
        {
          childIds: kase.childIds,
          scope: 'meeting',
          reason:
            'Ryan Dace has been released and is looking for Chloe: a family meeting would disclose where she and Noah live.',
        },
        201,
      );
      const path = `/fgdm-exemptions/${proposed.id}/authorisation`;
      await newborn.practitioner.send('post', path, {}, 403);
      await newborn.ecpp.send('post', path, {}, 403);
      const ok = await newborn['service-manager'].send('post', path, {}, 200);
      expect(ok.authorisedById).toBe(newborn['service-manager'].id);
    });

    it('coordinator: no referral was made for this family (an exemption, not an offer)', async () => {
      const list = await newborn.coordinator.get('/fgdm-referrals?mine=true');
      expect(list.data).toEqual([]);
    });
  });

  describe('the loader applies the duty as the API does', () => {
    const HEAD = `title: Duty refusals
brief: { summary: A test scenario., learningGoals: [the duty], logins: [{ user: practitioner, as: the practitioner }] }
localAuthority: { name: Testshire (training) }
teams:
  - { key: fh, name: Family Help, kind: family_help }
  - { key: cp, name: Child Protection, kind: child_protection }
users:
  - { key: practitioner, name: Pat Example, roles: [family_help_practitioner], teams: [{ team: fh, profession: social_worker }] }
  - { key: ecpp, name: Eli Example, roles: [ecpp], teams: [{ team: cp, profession: social_worker }] }
  - { key: cp-manager, name: Cam Example, roles: [cp_manager], teams: [{ team: cp, profession: manager }] }
  - { key: sm, name: Sam Example, roles: [service_manager] }
families:
  - key: fam
    members:
      - { key: kid, kind: child, firstName: Kit, lastName: Example, dateOfBirth: -6y }
      - { key: mum, kind: adult, firstName: Mo, lastName: Example, relationships: { kid: mother } }
      - { key: dad, kind: adult, firstName: Dan, lastName: Example, relationships: { kid: father } }
events:
  - { do: referral, on: -30wd, by: practitioner, case: c1, family: fam, team: fh, lead: practitioner, children: [kid], source: 2A }
  - { do: concern, on: -25wd, by: practitioner, case: c1, summary: Neglect concern }
  - { do: assign_ecpp, on: -25wd, by: cp-manager, case: c1, ecpp: ecpp }
  - { do: decision, on: -24wd, by: ecpp, case: c1, type: start_section_47_enquiry, strategyDiscussion: -24wd, rationale: "Likely significant harm through neglect." }
  - { do: parental_responsibility, on: -20wd, by: practitioner, case: c1, adult: mum, children: [{ child: kid, basis: birth_mother }] }
  - { do: parental_responsibility, on: -20wd, by: practitioner, case: c1, adult: dad, children: [{ child: kid, basis: registered_father }] }
`;
    const GATEWAY = `  - { do: legal_gateway, on: -10wd, by: sm, case: c1, ref: gw, chair: sm, legalAdviser: Legal services, decision: pre_proceedings, rationale: "Threshold met; pre-proceedings advised." }
  - { do: decision, on: -9wd, by: ecpp, case: c1, type: initiate_pre_proceedings, gateway: gw, rationale: "As the legal gateway meeting advised." }
`;
    const REASON =
      'The father has threatened the mother; a family meeting would put her and the child at risk.';

    async function refusal(name: string, text: string): Promise<string> {
      const err: string[] = [];
      const code = await runScenarioCli(
        t.app,
        ['load', name],
        { out: () => {}, err: (l) => err.push(l) },
        { dir: scenarioDir({ [name]: text }) },
      );
      expect(code).toBe(1);
      return err.join('\n');
    }

    it('a letter not carrying an offer to every PR holder: 409 fgdm_offer_required, nothing loaded', async () => {
      const text = `${HEAD}${GATEWAY}  - { do: fgdm_offer, on: -8wd, by: practitioner, case: c1, ref: o-mum, to: mum, channel: letter_before_proceedings }
  - { do: letter_before_proceedings, on: -8wd, by: practitioner, case: c1, offers: [o-mum] }
`;
      expect(await refusal('no-father-offer', text)).toMatch(
        /no-father-offer\.yaml events\[9\] \(letter_before_proceedings on -8wd by practitioner\): 409 fgdm_offer_required: .*nothing was loaded/,
      );
    });

    it('initiate_pre_proceedings without a legal gateway: 409 legal_gateway_required', async () => {
      const text = `${HEAD}  - { do: decision, on: -9wd, by: ecpp, case: c1, type: initiate_pre_proceedings, rationale: "No legal gateway meeting was held." }
`;
      expect(await refusal('no-gateway', text)).toMatch(
        /events\[6\] \(decision initiate_pre_proceedings on -9wd by ecpp\): 409 legal_gateway_required/,
      );
    });

    it('an exemption authorised by the ECPP: refused (403), only a service manager authorises', async () => {
      const text = `${HEAD}  - { do: fgdm_exemption, on: -8wd, by: practitioner, case: c1, ref: ex, scope: offer, reason: "${REASON}" }
  - { do: authorise_fgdm_exemption, on: -8wd, by: ecpp, case: c1, exemption: ex }
`;
      expect(await refusal('ecpp-authorises', text)).toMatch(
        /events\[7\] \(authorise_fgdm_exemption on -8wd by ecpp\): 403 \w+: ecpp's roles \(ecpp\) do not allow authorise_fgdm_exemption/,
      );
    });

    it('an urgent application with an unanswered offer: 409 fgdm_duty_unmet', async () => {
      const text = `${HEAD}  - { do: fgdm_offer, on: -1wd, by: practitioner, case: c1, ref: o-mum, to: mum, channel: in_person }
  - { do: fgdm_offer, on: -1wd, by: practitioner, case: c1, ref: o-dad, to: dad, channel: in_person }
  - { do: decision, on: today, by: ecpp, case: c1, type: apply_for_care_proceedings, urgent: true, issuedOn: today, court: Family Court, rationale: "Immediate risk to the child." }
`;
      expect(await refusal('awaiting', text)).toMatch(
        /events\[8\] \(decision apply_for_care_proceedings on today by ecpp\): 409 fgdm_duty_unmet/,
      );
    });
  });
});
