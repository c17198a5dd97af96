import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A minimal valid scenario body up to `events:`; tests append their own events. */
export const SCENARIO_HEAD = `title: Test scenario
brief:
  summary: A scenario written by a test.
  learningGoals: [check the loader]
  logins: [{ user: practitioner, as: the practitioner }]
localAuthority:
  name: Testshire (training)
teams:
  - { key: fh, name: Family Help, kind: family_help }
  - { key: cp, name: Child Protection, kind: child_protection }
users:
  - { key: practitioner, name: Pat Example, roles: [family_help_practitioner], teams: [{ team: fh, profession: social_worker }] }
  - { key: ecpp, name: Eli Example, roles: [ecpp], teams: [{ team: cp, profession: social_worker }] }
  - { key: cp-manager, name: Cam Example, roles: [cp_manager], teams: [{ team: cp, profession: manager }] }
families:
  - key: fam
    members:
      - { key: kid, kind: child, firstName: Kit, lastName: Example, dateOfBirth: -6y }
      - { key: mum, kind: adult, firstName: Mo, lastName: Example, relationships: { kid: mother } }
events:
  - { do: referral, on: -20wd, by: practitioner, case: c1, family: fam, team: fh, lead: practitioner, children: [kid], source: 2A }
`;

/** Line number (1-based) of the first event line after SCENARIO_HEAD. */
export const FIRST_APPENDED_LINE = SCENARIO_HEAD.split('\n').length;

/** A scenarios folder with the given `<name>.yaml` files, for the CLI's `dir` option. */
export function scenarioDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-scenarios-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.yaml`), text);
  return dir;
}
