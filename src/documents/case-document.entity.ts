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

export const ATTACHMENT_TYPES = ['assessment', 'meeting', 'plan', 'information_request'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/**
 * A file attached to a case (and optionally to one of its assessments, meetings, plans or
 * information requests — an agency's answer). The
 * bytes live in `content` (default) or, when DOCUMENT_STORAGE_DIR is set, in a file named by the
 * document id there (`storage = 'file'`). Never changed or deleted through the API.
 */
@Entity('case_document')
@Index('ix_case_document_case', ['caseId', 'createdAt', 'id'])
@Index('ix_case_document_attached', ['attachedToType', 'attachedToId'])
@Check(
  'ck_case_document_attached_type',
  `attached_to_type IN ('assessment','meeting','plan','information_request')`,
)
@Check('ck_case_document_attached', `(attached_to_type IS NULL) = (attached_to_id IS NULL)`)
@Check('ck_case_document_storage', `storage IN ('db','file')`)
@Check('ck_case_document_content', `(storage = 'db') = (content IS NOT NULL)`)
@Check('ck_case_document_size', `size >= 0`)
export class CaseDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_document_case' })
  case?: CaseRecord;

  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_case_document_la' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  title: string;

  /** The type found from the file's magic bytes (never the name or the client's header). */
  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'text' })
  extension: string;

  @Column({ type: 'bigint' })
  size: string;

  /** Hex sha256 of the bytes. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text', nullable: true })
  attachedToType: AttachmentType | null;

  @Column({ type: 'uuid', nullable: true })
  attachedToId: string | null;

  @Column({ type: 'text', default: 'db' })
  storage: 'db' | 'file';

  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ type: 'uuid' })
  uploadedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by_id', foreignKeyConstraintName: 'fk_case_document_uploaded_by' })
  uploadedBy?: User;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
