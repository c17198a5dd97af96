/** A decision challenge as read: its columns (with who raised it, named within the case's LA). */
import { actorNameSql } from 'src/common/display-names';
import type { ChallengeResponse } from './dto/decision.dto';

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export interface ChallengeRow {
  id: string;
  decision_id: string;
  view: string;
  raised_by_id: string;
  raised_by_name: string | null;
  raised_at: Date;
}

export const CHALLENGE_COLUMNS = `id, decision_id, view, raised_by_id,
  ${actorNameSql('decision_challenge.raised_by_id', 'decision_challenge.local_authority_id')} AS raised_by_name,
  raised_at`;

export const toChallenge = (r: ChallengeRow): ChallengeResponse => ({
  id: r.id,
  decisionId: r.decision_id,
  view: r.view,
  raisedById: r.raised_by_id,
  raisedByName: r.raised_by_name,
  raisedAt: iso(r.raised_at),
});
