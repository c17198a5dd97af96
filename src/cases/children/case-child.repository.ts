import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseChildRecord } from './case-child.dto';

const COLUMNS = `p.id AS "personId", p.first_name AS "firstName", p.last_name AS "lastName",
  to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
  to_char(p.expected_date_of_birth, 'YYYY-MM-DD') AS "expectedDateOfBirth",
  (p.date_of_birth IS NULL AND p.expected_date_of_birth IS NOT NULL) AS unborn,
  to_char(cc.added_on, 'YYYY-MM-DD') AS "addedOn", cc.reason, cc.added_by_id AS "addedById"`;

export interface FamilyChild {
  id: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
}

/** Children of a case: who, since when and why (src/cases/children). */
@Injectable()
export class CaseChildRepository {
  async list(m: EntityManager, la: string, caseId: string): Promise<CaseChildRecord[]> {
    return m.query(
      `SELECT ${COLUMNS}
         FROM case_child cc JOIN person p ON p.id = cc.person_id
         JOIN case_record c ON c.id = cc.case_id
        WHERE c.local_authority_id = $1 AND cc.case_id = $2
        ORDER BY cc.added_on NULLS FIRST, p.date_of_birth NULLS LAST, p.id`,
      [la, caseId],
    );
  }

  async find(
    m: EntityManager,
    la: string,
    caseId: string,
    personId: string,
  ): Promise<CaseChildRecord | null> {
    const rows: CaseChildRecord[] = await m.query(
      `SELECT ${COLUMNS}
         FROM case_child cc JOIN person p ON p.id = cc.person_id
         JOIN case_record c ON c.id = cc.case_id
        WHERE c.local_authority_id = $1 AND cc.case_id = $2 AND cc.person_id = $3`,
      [la, caseId, personId],
    );
    return rows[0] ?? null;
  }

  /** A child (kind child) of the family, in the LA; null if not. */
  async familyChild(
    m: EntityManager,
    la: string,
    familyId: string,
    personId: string,
  ): Promise<FamilyChild | null> {
    const rows: FamilyChild[] = await m.query(
      `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
              to_char(expected_date_of_birth, 'YYYY-MM-DD') AS "expectedDateOfBirth"
         FROM person
        WHERE local_authority_id = $1 AND family_id = $2 AND id = $3 AND kind = 'child'`,
      [la, familyId, personId],
    );
    return rows[0] ?? null;
  }

  async insert(
    m: EntityManager,
    caseId: string,
    row: { personId: string; addedOn: string; reason: string; addedById: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO case_child (case_id, person_id, added_on, reason, added_by_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [caseId, row.personId, row.addedOn, row.reason, row.addedById],
    );
  }

  /** Records the birth of a child recorded unborn (the expected date is kept). */
  async recordBirth(m: EntityManager, la: string, personId: string, dateOfBirth: string) {
    await m.query(
      `UPDATE person SET date_of_birth = $3, version = version + 1
        WHERE local_authority_id = $1 AND id = $2 AND date_of_birth IS NULL`,
      [la, personId, dateOfBirth],
    );
  }
}
