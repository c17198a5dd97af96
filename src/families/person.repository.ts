import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The census details of a person (the CIN census's identifiers and characteristics). */
export interface PersonCensus {
  sex: string | null;
  gender: string | null;
  ethnicity: string | null;
  disabilities: string[] | null;
  upn: string | null;
  upnUnknownReason: string | null;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  laPersonId: string | null;
}

export interface PersonRow extends PersonCensus {
  id: string;
  familyId: string | null;
  kind: string;
  firstName: string;
  lastName: string;
  nhsNumber: string | null;
  nhsVerificationSource: string | null;
  nhsUnverifiedReason: string | null;
  version: number;
}
/** A person's identifiers and census details (`GET`/`PATCH /persons/:id`); the LA comes first.
 * Access is checked by the caller (through the person's family). */
@Injectable()
export class PersonRepository {
  /** The person `id` of the LA (locked `FOR UPDATE` when `lock`), or undefined. */
  async find(
    m: EntityManager,
    la: string,
    id: string,
    lock: boolean,
  ): Promise<PersonRow | undefined> {
    const rows: PersonRow[] = await m.query(
      `SELECT id, family_id AS "familyId", kind, first_name AS "firstName", last_name AS "lastName",
              date_of_birth::text AS "dateOfBirth", nhs_number AS "nhsNumber",
              expected_date_of_birth::text AS "expectedDateOfBirth", sex, gender, ethnicity,
              disabilities::text[] AS disabilities, upn, upn_unknown_reason AS "upnUnknownReason",
              la_person_id AS "laPersonId",
              nhs_verification_source AS "nhsVerificationSource",
              nhs_unverified_reason AS "nhsUnverifiedReason", version
         FROM person WHERE id = $1 AND local_authority_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [id, la],
    );
    return rows[0];
  }

  /** Sets the NHS number, how it was verified and why not; bumps the version. */
  async setIdentifiers(
    m: EntityManager,
    la: string,
    id: string,
    next: Pick<PersonRow, 'nhsNumber' | 'nhsVerificationSource' | 'nhsUnverifiedReason'>,
  ): Promise<void> {
    await m.query(
      `UPDATE person SET nhs_number = $3, nhs_verification_source = $4,
              nhs_unverified_reason = $5, version = version + 1
        WHERE id = $1 AND local_authority_id = $2`,
      [id, la, next.nhsNumber, next.nhsVerificationSource, next.nhsUnverifiedReason],
    );
  }

  /** Sets the census details; bumps the version. */
  async setCensus(m: EntityManager, la: string, id: string, next: PersonCensus): Promise<void> {
    await m.query(
      `UPDATE person SET sex = $3, gender = $4, ethnicity = $5, disabilities = $6::text[],
              upn = $7, upn_unknown_reason = $8, date_of_birth = $9, expected_date_of_birth = $10,
              la_person_id = $11, version = version + 1
        WHERE id = $1 AND local_authority_id = $2`,
      [
        id,
        la,
        next.sex,
        next.gender,
        next.ethnicity,
        next.disabilities,
        next.upn,
        next.upnUnknownReason,
        next.dateOfBirth,
        next.expectedDateOfBirth,
        next.laPersonId,
      ],
    );
  }
}
