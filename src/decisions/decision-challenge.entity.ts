import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { LocalAuthority } from 'src/local-authorities/local-authority.entity';
import { User } from 'src/users/user.entity';
import { Decision } from './decision.entity';

/** A Family Help practitioner's recorded disagreement with a decision. Append-only. */
@Entity('decision_challenge')
@Index('ix_decision_challenge_decision', ['decisionId', 'raisedAt'])
@Index('ix_decision_challenge_case', ['caseId'])
@Index('ix_decision_challenge_la_raised', ['localAuthorityId', 'raisedAt'])
@Check('ck_decision_challenge_view', `char_length(btrim(view)) > 0`)
export class DecisionChallenge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  decisionId: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_decision_challenge_decision' })
  decision?: Decision;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_decision_challenge_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_decision_challenge_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  view: string;

  @Column({ type: 'uuid' })
  raisedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raised_by_id', foreignKeyConstraintName: 'fk_decision_challenge_raised_by' })
  raisedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  raisedAt: Date;
}
