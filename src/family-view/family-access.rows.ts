import type { RedactableField } from './family-view-rules';

export interface CasePerson {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  kind: string;
  allegedPerpetrator: boolean;
}

export interface RedactionRow {
  personId: string;
  withheldFrom: string[];
  fields: RedactableField[];
  allegedPerpetrator: boolean;
  version: number;
  updatedAt: string;
}
