import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CaseRecord } from './case.entity';

/**
 * A case note. Its author may correct it within 15 minutes of writing it (If-Match); after
 * that it is immutable and only addenda (`case_note_addendum`) can add to it. Authors are
 * users or API clients (`authorType`), so `author_id` has no foreign key.
 */
@Entity('case_note')
@Index('ix_case_note_case', ['caseId', 'createdAt', 'id'])
@Check('ck_case_note_body', `char_length(btrim(body)) > 0`)
@Check('ck_case_note_author_type', `author_type IN ('user','client')`)
export class CaseNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_note_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  authorType: 'user' | 'client';

  @Column({ type: 'text' })
  body: string;

  /** When what the note records happened (defaults to when it was written). */
  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
