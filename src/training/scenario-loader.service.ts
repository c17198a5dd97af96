import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { runInContext } from 'src/common/request-context';
import { validateBody } from 'src/common/validate-body';
import { inAmbientTransaction } from 'src/database/ambient-transaction';
import { CreateFamilyDto } from 'src/families/dto/family.dto';
import { CreateNetworkMemberDto } from 'src/families/dto/network-member.dto';
import { FamilyService } from 'src/families/family.service';
import {
  CreateLocalAuthorityDto,
  UpdateLocalAuthoritySettingsDto,
} from 'src/local-authorities/dto/local-authority.dto';
import { LocalAuthorityService } from 'src/local-authorities/local-authority.service';
import { AddTeamMemberDto, CreateTeamDto } from 'src/teams/dto/team.dto';
import { TeamService } from 'src/teams/team.service';
import { CreateUserDto, UserResponse } from 'src/users/dto/user.dto';
import { UserService } from 'src/users/user.service';
import { resolveScenarioDate } from './scenario-dates';
import { EventRunner } from './scenario-events';
import type { Scenario, ScenarioEvent } from './scenario-format';
import type { ParsedScenario } from './scenario-parser';
import { TrainingRun } from './training-run.entity';
import {
  ScenarioLogin,
  LoadedRun,
  ScenarioLoadError,
  describeError,
  LoadOptions,
  LoadState,
  eventLabel,
} from './scenario-load.types';
export { describeError, type LoadOptions, ScenarioLoadError } from './scenario-load.types';

const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Loads a parsed scenario into a fresh sandbox local authority, in ONE transaction, through
 * the same services (and DTO validation, and route permissions) as the API. Any refusal rolls
 * the whole load back and is reported with the event that caused it.
 */
@Injectable()
export class ScenarioLoader {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly modules: ModuleRef,
  ) {}

  private svc<T>(cls: new (...args: never[]) => T): T {
    return this.modules.get(cls, { strict: false });
  }

  async load(parsed: ParsedScenario, opts: LoadOptions): Promise<LoadedRun> {
    const s = parsed.scenario;
    const code = opts.laCode ?? `SBX-${randomBytes(4).toString('hex').toUpperCase()}`;
    const requestId = `scenario-${randomUUID()}`;
    const ctx = (actor: Actor | null) => ({
      requestId,
      ip: null,
      method: 'SCENARIO',
      path: parsed.file,
      cursorScope: `SCENARIO ${parsed.file}`,
      ...(actor ? { actor } : {}),
    });
    const total = s.events.length;
    let current: number | null = null;
    try {
      return await inAmbientTransaction(this.ds, () =>
        runInContext(ctx(opts.initiator), async () => {
          const setup = await this.setUp(s, code, opts);
          const st: LoadState = { ...setup.state, today: opts.today };
          const runner = new EventRunner(this.modules, st);
          for (const [i, e] of s.events.entries()) {
            current = i;
            const actor = setup.actors.get(e.by) as Actor;
            await runInContext(ctx(actor), async () => {
              if (e.do === 'referral' && !st.families.has(e.family))
                await this.createFamily(s, e.family, actor, st);
              const id = await runner.run(e, actor);
              if (e.ref && id) {
                st.refs.set(e.ref, id);
                st.refKinds.set(e.ref, e.do);
              }
            });
            opts.onProgress?.(i + 1, total, eventLabel(e));
          }
          current = null;
          const runId = await this.recordRun(parsed.name, setup.laId, code, opts.initiator);
          return {
            runId,
            scenario: parsed.name,
            localAuthorityId: setup.laId,
            code,
            users: setup.logins,
            events: total,
          };
        }),
      );
    } catch (err) {
      if (current === null)
        throw new ScenarioLoadError(
          parsed.file,
          null,
          err,
          `${parsed.file}: ${describeError(err)}`,
        );
      const e = s.events[current] as ScenarioEvent;
      throw new ScenarioLoadError(
        parsed.file,
        current,
        err,
        `${parsed.file} events[${current}] (${eventLabel(e)}): ${describeError(err)}; nothing was loaded`,
      );
    }
  }

  /** The sandbox LA, its settings, users (generated passwords), teams and memberships. */
  private async setUp(s: Scenario, code: string, opts: LoadOptions) {
    const platform: Actor = {
      kind: 'user',
      id: opts.initiator?.id ?? NIL,
      localAuthorityId: null,
      roles: ['platform_admin'],
      scopes: [],
      agency: null,
      name: 'scenario loader',
    };
    const la = await this.svc(LocalAuthorityService).create(
      validateBody(CreateLocalAuthorityDto, { name: s.localAuthority.name, code }),
      { sandbox: true },
    );
    const admin: Actor = { ...platform, localAuthorityId: la.id, roles: ['la_admin'] };
    const { visitIntervalWorkingDays, coreGroupIntervalWeeks } = s.localAuthority;
    if (visitIntervalWorkingDays !== undefined || coreGroupIntervalWeeks !== undefined) {
      const body = { visitIntervalWorkingDays, coreGroupIntervalWeeks };
      await this.svc(LocalAuthorityService).updateSettings(
        admin,
        la.id,
        la.version,
        validateBody(UpdateLocalAuthoritySettingsDto, JSON.parse(JSON.stringify(body))),
      );
    }
    const domain = `${code.toLowerCase().replace(/_/g, '-')}.training.invalid`;
    const state: Omit<LoadState, 'today'> = {
      users: new Map(),
      teams: new Map(),
      people: new Map(),
      families: new Map(),
      cases: new Map(),
      refs: new Map(),
      refKinds: new Map(),
      versions: new Map(),
      actionPlans: new Map(),
      actors: new Map<string, Actor>(),
    };
    const actors = state.actors;
    const logins: ScenarioLogin[] = [];
    for (const u of s.users) {
      const password = randomBytes(12).toString('base64url');
      const body = {
        email: `${u.key}@${domain}`,
        name: u.name,
        password,
        roles: u.roles,
        localAuthorityId: la.id,
        ...(u.agency ? { agency: u.agency } : {}),
      };
      // The platform's own act (no second approver: see src/approvals/dual-control.ts).
      const created = (await this.svc(UserService).create(
        platform,
        validateBody(CreateUserDto, body),
      )) as UserResponse;
      state.users.set(u.key, { id: created.id });
      actors.set(u.key, {
        kind: 'user',
        id: created.id,
        localAuthorityId: la.id,
        roles: u.roles,
        scopes: [],
        agency: u.agency ?? null,
        name: u.name,
      });
      logins.push({ key: u.key, email: body.email, name: u.name, roles: u.roles, password });
    }
    for (const t of s.teams) {
      const team = await this.svc(TeamService).create(
        admin,
        validateBody(CreateTeamDto, { name: t.name, kind: t.kind }),
      );
      state.teams.set(t.key, team.id);
    }
    for (const u of s.users)
      for (const m of u.teams ?? [])
        await this.svc(TeamService).addMember(
          { ...platform, localAuthorityId: la.id },
          state.teams.get(m.team) as string,
          validateBody(AddTeamMemberDto, {
            userId: state.users.get(u.key)?.id,
            profession: m.profession,
            ...(m.agency ? { agency: m.agency } : {}),
            ...(m.statutoryRole ? { statutoryRole: m.statutoryRole } : {}),
          }),
        );
    return { laId: la.id, state, actors, logins };
  }

  /** A family (with its wider network), created by whoever makes its first referral. */
  private async createFamily(s: Scenario, key: string, actor: Actor, st: LoadState) {
    const f = s.families.find((x) => x.key === key) as Scenario['families'][number];
    const childIndex = new Map(f.members.map((m, i) => [m.key, i] as const));
    const body = {
      ...(f.name ? { name: f.name } : {}),
      members: f.members.map((m) => ({
        kind: m.kind,
        firstName: m.firstName,
        lastName: m.lastName,
        ...(m.dateOfBirth ? { dateOfBirth: resolveScenarioDate(m.dateOfBirth, st.today) } : {}),
        ...(m.sex ? { sex: m.sex } : {}),
        ...(m.gender ? { gender: m.gender } : {}),
        ...(m.ethnicity ? { ethnicity: m.ethnicity } : {}),
        ...(m.language ? { language: m.language } : {}),
        ...(m.relationships
          ? {
              relationships: Object.entries(m.relationships).map(([child, relationship]) => ({
                childIndex: childIndex.get(child),
                relationship,
              })),
            }
          : {}),
      })),
    };
    const family = await this.svc(FamilyService).create(actor, validateBody(CreateFamilyDto, body));
    st.families.set(key, family.id);
    f.members.forEach((m, i) => st.people.set(m.key, family.members[i].id));
    for (const n of f.network ?? []) {
      const nb = {
        firstName: n.firstName,
        lastName: n.lastName,
        relationship: n.relationship,
        ...(n.contact ? { contact: n.contact } : {}),
        ...(n.dateOfBirth ? { dateOfBirth: resolveScenarioDate(n.dateOfBirth, st.today) } : {}),
      };
      const added = await this.svc(FamilyService).addNetworkMember(
        actor,
        family.id,
        validateBody(CreateNetworkMemberDto, nb),
      );
      st.people.set(n.key, added.id);
    }
  }

  private async recordRun(
    scenario: string,
    laId: string,
    code: string,
    initiator: Actor | null,
  ): Promise<string> {
    const m = this.ds.manager;
    const run = await m.save(
      m.create(TrainingRun, {
        localAuthorityId: laId,
        scenario,
        ownerLocalAuthorityId: initiator?.localAuthorityId ?? null,
        createdById: initiator?.id ?? null,
      }),
    );
    await this.svc(AuditService).record(
      {
        action: 'training.run.create',
        recordType: 'training_run',
        recordId: run.id,
        localAuthorityId: initiator?.localAuthorityId ?? null,
        metadata: { scenario, sandboxLocalAuthorityId: laId, code },
      },
      m,
    );
    return run.id;
  }
}
