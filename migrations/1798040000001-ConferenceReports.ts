import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agency reports to a child protection conference (`POST /conferences/:id/reports`,
 * docs/conferences.md "Agency reports"): one per author and conference, never edited. A new
 * table: nothing stored changes.
 */
export class ConferenceReports1798040000001 implements MigrationInterface {
  name = 'ConferenceReports1798040000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE cp_conference_report (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         conference_id uuid NOT NULL,
         local_authority_id uuid NOT NULL,
         agency text NOT NULL,
         author_id uuid NOT NULL,
         summary text NOT NULL,
         recommendation text NOT NULL,
         submitted_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
         CONSTRAINT ck_cp_conference_report_agency CHECK (agency IN ('social_care','police','health','education','youth_justice','housing','voluntary','other')),
         CONSTRAINT ck_cp_conference_report_recommendation CHECK (recommendation IN ('plan','no_plan','no_view')),
         CONSTRAINT uq_cp_conference_report_author UNIQUE (conference_id, author_id),
         CONSTRAINT pk_cp_conference_report PRIMARY KEY (id),
         CONSTRAINT fk_cp_conference_report_conference FOREIGN KEY (conference_id) REFERENCES cp_conference(id) ON DELETE RESTRICT,
         CONSTRAINT fk_cp_conference_report_la FOREIGN KEY (local_authority_id) REFERENCES local_authority(id) ON DELETE RESTRICT,
         CONSTRAINT fk_cp_conference_report_author FOREIGN KEY (author_id) REFERENCES app_user(id) ON DELETE RESTRICT
       )`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cp_conference_report`);
  }
}
