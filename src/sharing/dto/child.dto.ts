import { ApiProperty } from '@nestjs/swagger';

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** A child as a plan shows it: name and date of birth only (what a partner may see). */
export class PlanChildResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Jay' }) firstName: string;
  @ApiProperty({ example: 'Smith' }) lastName: string;
  @ApiProperty({ example: '2010-04-02', nullable: true, type: String })
  dateOfBirth: string | null;
}
