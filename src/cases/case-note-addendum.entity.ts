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
import { CaseNote } from './case-note.entity';

/** An addition to a note once its correction window has passed. Immutable. */
@Entity('case_note_addendum')
@Index('ix_case_note_addendum_note', ['noteId', 'createdAt', 'id'])
@Check('ck_case_note_addendum_body', `char_length(btrim(body)) > 0`)
@Check('ck_case_note_addendum_author_type', `author_type IN ('user','client')`)
export class CaseNoteAddendum {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  noteId: string;

  @ManyToOne(() => CaseNote, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'note_id', foreignKeyConstraintName: 'fk_case_note_addendum_note' })
  note?: CaseNote;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  authorType: 'user' | 'client';

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
