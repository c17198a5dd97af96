import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, readScenarioFile, ScenarioFormatError } from './scenario-parser';

const TODAY = '2027-01-13';
const HEAD = `title: T
brief: { summary: S, learningGoals: [g], logins: [{ user: p, as: the practitioner }] }
localAuthority: { name: Testshire }
teams: [{ key: fh, name: FH, kind: family_help }]
users:
  - { key: p, name: P, roles: [family_help_practitioner], teams: [{ team: fh, profession: social_worker }] }
families:
  - key: f
    members:
      - { key: kid, kind: child, firstName: K, lastName: L, dateOfBirth: -6y }
events:
  - { do: referral, on: -20wd, by: p, case: c, family: f, team: fh, lead: p, children: [kid], source: 2A }
`;

function problems(text: string) {
  try {
    parseScenario(text, 'x.yaml', TODAY);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioFormatError);
    return (err as ScenarioFormatError).problems.map((p) => `${p.line}|${p.path}|${p.message}`);
  }
  throw new Error('expected a ScenarioFormatError');
}

describe('scenario parser', () => {
  it('accepts a minimal scenario and names it after the file', () => {
    const parsed = parseScenario(HEAD, 'seeds/scenarios/mini.yaml', TODAY);
    expect(parsed.name).toBe('mini');
    expect(parsed.scenario.events).toHaveLength(1);
  });

  it('every shipped scenario parses', () => {
    const dir = join(__dirname, '..', '..', 'seeds', 'scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files)
      expect(readScenarioFile(join(dir, f), TODAY).scenario.brief.logins.length).toBeGreaterThan(0);
  });

  it("docs/scenarios.md's worked example parses", () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'scenarios.md'), 'utf8');
    const example = /```yaml\n(# seeds\/scenarios\/needs-an-ecpp\.yaml[\s\S]*?)```/.exec(doc);
    expect(example).not.toBeNull();
    const parsed = parseScenario((example as RegExpExecArray)[1], 'needs-an-ecpp.yaml', TODAY);
    expect(parsed.scenario.events.map((e) => e.do)).toEqual(['referral', 'concern']);
  });

  it('names line, path and problem for shape errors', () => {
    expect(problems(HEAD.replace('source: 2A', 'source: 2Z'))).toEqual([
      expect.stringMatching(/^12\|events\[0\]\.source\|.*"2A"/),
    ]);
    expect(problems(HEAD.replace('kind: family_help', 'kind: family_hlep'))).toEqual([
      expect.stringMatching(/^4\|teams\[0\]\.kind\|/),
    ]);
    expect(problems(`${HEAD}  - { do: note, on: -1wd, by: p, case: c }\n`)).toEqual([
      '13|events[1].body|missing: expected string',
    ]);
    expect(problems(HEAD.replace('title: T\n', ''))).toEqual([
      expect.stringMatching(/^\d+\|title\|/),
    ]);
  });

  it('assessment_completed names who authorises it: required, and a user of the scenario', () => {
    expect(problems(`${HEAD}  - { do: assessment_completed, on: -1wd, by: p, case: c }\n`)).toEqual(
      ['13|events[1].authorisedBy|missing: expected string'],
    );
    expect(
      problems(
        `${HEAD}  - { do: assessment_completed, on: -1wd, by: p, case: c, authorisedBy: nobody }\n`,
      ),
    ).toEqual(['13|events[1].authorisedBy|no user "nobody"']);
    const ok = `${HEAD}  - { do: assessment_completed, on: -1wd, by: p, case: c, authorisedBy: p }\n`;
    expect(parseScenario(ok, 'x.yaml', TODAY).scenario.events).toHaveLength(2);
  });

  it('names cross-reference and date-order problems', () => {
    const text = `${HEAD}  - { do: decision, on: -1wd, by: p, case: c, type: no_further_action, rationale: "long enough rationale here", supersedes: nope }
  - { do: challenge, on: -2wd, by: p, case: c, decision: nope, view: v }
`;
    expect(problems(text)).toEqual([
      '13|events[1].supersedes|no earlier decision with ref "nope" on case "c"',
      expect.stringMatching(
        /^14\|events\[2\]\.on\|-2wd \(2027-01-11\) is before the previous event \(2027-01-12\)/,
      ),
      '14|events[2].decision|no earlier decision with ref "nope" on case "c"',
    ]);
  });

  it('checks the plan events: network carers, family attendees, refs of the right kind, users', () => {
    const head = HEAD.replace(
      '      - { key: kid, kind: child, firstName: K, lastName: L, dateOfBirth: -6y }\n',
      `      - { key: kid, kind: child, firstName: K, lastName: L, dateOfBirth: -6y }
      - { key: mum, kind: adult, firstName: M, lastName: L }
    network:
      - { key: nan, firstName: N, lastName: L, relationship: grandmother }
`,
    );
    const ok = `${head}  - do: fgdm_meeting
    on: -10wd
    by: p
    case: c
    ref: meeting
    coordinator: C
    attendees: { family: [mum], network: [nan] }
  - do: family_network_plan
    on: -9wd
    by: p
    case: c
    ref: fnp
    carers: [{ member: nan, arrangement: lives with nan }]
    supportPackage: { weeklyAllowance: 15000 }
    reviewDate: +20wd
  - { do: share, on: -8wd, by: p, case: c, record: fnp, with: p, lawfulBasis: consent }
`;
    expect(parseScenario(ok, 'x.yaml', TODAY).scenario.events.map((e) => e.do)).toEqual([
      'referral',
      'fgdm_meeting',
      'family_network_plan',
      'share',
    ]);
    const bad = ok
      .replace(
        'attendees: { family: [mum], network: [nan] }',
        'attendees: { family: [nan], network: [mum] }',
      )
      .replace('member: nan', 'member: mum')
      .replace('record: fnp, with: p', 'record: nope, with: nobody');
    const line = head.split('\n').length;
    expect(
      problems(
        `${bad}  - { do: agree_family_network_plan, on: -7wd, by: p, case: c, plan: meeting }\n`,
      ),
    ).toEqual([
      `${line + 6}|events[1].attendees.family[0]|"nan" is not a member of the family of case "c"`,
      `${line + 6}|events[1].attendees.network[0]|"mum" is not in the family network of case "c"`,
      `${line + 12}|events[2].carers[0].member|"mum" is not in the family network of case "c"`,
      `${line + 15}|events[3].record|no earlier fgdm_meeting or family_network_plan or start_community_safety_plan with ref "nope" on case "c"`,
      `${line + 15}|events[3].with|no user "nobody"`,
      `${line + 16}|events[4].plan|no earlier family_network_plan with ref "meeting" on case "c"`,
    ]);
    expect(
      problems(
        `${ok}  - { do: safety_plan_action, on: -1wd, by: p, case: c, plan: fnp, agency: army, description: d, due: today }\n`,
      ),
    ).toEqual([expect.stringMatching(/\|events\[4\]\.agency\|/)]);
  });

  it('before-proceedings events: adults of the family, users, and earlier offers, exemptions, referrals and gateways of the case', () => {
    const head = HEAD.replace(
      '      - { key: kid, kind: child, firstName: K, lastName: L, dateOfBirth: -6y }\n',
      '      - { key: kid, kind: child, firstName: K, lastName: L, dateOfBirth: -6y }\n      - { key: mum, kind: adult, firstName: M, lastName: L }\n',
    );
    const ev = (e: string) => `  - { on: -5wd, by: p, case: c, ${e} }\n`;
    const ok =
      head +
      ev(
        'do: parental_responsibility, adult: mum, children: [{ child: kid, basis: birth_mother }]',
      ) +
      ev(
        'do: legal_gateway, ref: gw, chair: p, legalAdviser: L, decision: issue, rationale: "Immediate risk to the child."',
      ) +
      ev('do: fgdm_offer, ref: o1, to: mum, channel: letter') +
      ev('do: answer_fgdm_offer, offer: o1, response: accepted') +
      ev('do: letter_before_proceedings, offers: [o1]') +
      ev(
        'do: decision, type: initiate_pre_proceedings, gateway: gw, rationale: "As the gateway advised."',
      );
    expect(parseScenario(ok, 'x.yaml', TODAY).scenario.events).toHaveLength(7);
    const line = head.split('\n').length - 1;
    expect(
      problems(
        head +
          ev('do: parental_responsibility, adult: nan, children: [{ child: sam }]') +
          ev(
            'do: legal_gateway, chair: nobody, legalAdviser: L, decision: issue, rationale: "Immediate risk to the child."',
          ) +
          ev('do: fgdm_offer, ref: o1, to: nan, channel: letter') +
          ev('do: answer_fgdm_offer, offer: gw, response: accepted') +
          ev('do: fgdm_exemption, ref: ex, scope: offer, reason: too short') +
          ev('do: letter_before_proceedings, offers: [o2], exemption: o1') +
          ev(
            'do: fgdm_referral, coordinator: nobody, summaryForFamily: We are worried about Kit.',
          ) +
          ev('do: update_fgdm_referral, referral: o1, status: closed') +
          ev(
            'do: decision, type: initiate_pre_proceedings, gateway: o1, rationale: "As the gateway advised."',
          ),
      ),
    ).toEqual([`${line + 5}|events[5].reason|a reason is at least 50 characters`]);
    expect(
      problems(
        head +
          ev('do: parental_responsibility, adult: nan, children: [{ child: sam }]') +
          ev(
            'do: legal_gateway, chair: nobody, legalAdviser: L, decision: issue, rationale: "Immediate risk to the child."',
          ) +
          ev('do: fgdm_offer, ref: o1, to: nan, channel: letter') +
          ev('do: answer_fgdm_offer, offer: gw, response: accepted') +
          ev('do: letter_before_proceedings, offers: [o2], exemption: o1') +
          ev(
            'do: fgdm_referral, coordinator: nobody, summaryForFamily: We are worried about Kit.',
          ) +
          ev('do: update_fgdm_referral, referral: o1, status: closed') +
          ev(
            'do: decision, type: initiate_pre_proceedings, gateway: o1, rationale: "As the gateway advised."',
          ),
      ),
    ).toEqual([
      `${line + 1}|events[1].adult|"nan" is not a member of the family of case "c"`,
      `${line + 1}|events[1].children[0].child|"sam" is not a child of case "c"`,
      `${line + 2}|events[2].chair|no user "nobody"`,
      `${line + 3}|events[3].to|"nan" is not a member of the family of case "c"`,
      `${line + 4}|events[4].offer|no earlier fgdm_offer with ref "gw" on case "c"`,
      `${line + 5}|events[5].offers[0]|no earlier fgdm_offer with ref "o2" on case "c"`,
      `${line + 5}|events[5].exemption|no earlier fgdm_exemption with ref "o1" on case "c"`,
      `${line + 6}|events[6].coordinator|no user "nobody"`,
      `${line + 7}|events[7].referral|no earlier fgdm_referral with ref "o1" on case "c"`,
      `${line + 8}|events[8].gateway|no earlier legal_gateway with ref "o1" on case "c"`,
    ]);
  });

  it('reports YAML syntax and duplicate keys with their line', () => {
    expect(problems(`${HEAD}  - { do: note\n`)[0]).toMatch(/^14\|\|YAML: Flow map.*[^:]$/);
    expect(problems(HEAD.replace('title: T\n', 'title: T\ntitle: U\n'))[0]).toMatch(
      /^2\|\|YAML: .*[Uu]nique/,
    );
  });
});
