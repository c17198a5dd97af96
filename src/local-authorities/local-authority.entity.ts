import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('local_authority')
@Check('ck_local_authority_code', `code ~ '^[A-Z0-9_-]{2,32}$'`)
@Check('ck_local_authority_sandbox_code', `sandbox = (code LIKE 'SBX-%')`)
@Check('ck_local_authority_dfe_number', `dfe_number IS NULL OR dfe_number ~ '^[0-9]{3}$'`)
export class LocalAuthority {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', unique: true })
  code: string;

  /** The three-digit number the DfE gives the LA (the CIN census `LEA`); null until set. */
  @Column({ type: 'text', nullable: true })
  dfeNumber: string | null;

  /** A training sandbox (created by a trainer's scenario run); exactly the LAs whose code starts
   * with `SBX-` (src/common/sandbox-code.ts). */
  @Column({ type: 'boolean', default: false })
  sandbox: boolean;

  /** Local policy: core group interval after the first meeting, in weeks (default 4). */
  @Column({ type: 'int', default: 4 })
  coreGroupIntervalWeeks: number;

  /** Local policy: visits to a child on a CP plan, every N working days (default 10). */
  @Column({ type: 'int', default: 10 })
  visitIntervalWorkingDays: number;

  /** From this date a s47 enquiry or CP plan needs each child's verified NHS number or a
   * recorded reason (null: not in force in this LA yet; docs/front-door.md "Identifiers"). */
  @Column({ type: 'date', nullable: true })
  identifierRuleFrom: string | null;

  /** Local policy: an FGDM offer unanswered this many working days after it was made counts as
   * timed out (default 5; docs/before-proceedings.md). */
  @Column({ type: 'int', default: 5 })
  fgdmOfferResponseWorkingDays: number;

  /** Local policy: pre-proceedings run this many weeks from the letter before proceedings
   * (default 16; docs/before-proceedings.md). */
  @Column({ type: 'int', default: 16 })
  preProceedingsWeeks: number;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
