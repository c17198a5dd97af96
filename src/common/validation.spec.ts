import { IsDateString, IsIn, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { validateBody } from './validate-body';
import { IsOmittable } from './validation';

class Child {
  @IsString() @MaxLength(10) name: string;
}
class Body {
  @IsUUID() @IsString() caseId: string;
  @IsDateString() date: string;
  @IsOmittable() @IsIn(['a', 'b']) kind?: string;
  @IsOmittable() @ValidateNested({ each: true }) @Type(() => Child) children?: Child[];
}

const errorsOf = (body: unknown) => {
  try {
    validateBody(Body, body);
    return [];
  } catch (e) {
    return (e as { getResponse(): { problem: { errors: unknown[] } } }).getResponse().problem
      .errors;
  }
};

describe('validation messages', () => {
  it('a field left out is "<field> is required", once, not each rule it would have broken', () => {
    expect(errorsOf({ date: '2026-11-02' })).toEqual([
      { field: 'caseId', message: 'caseId is required' },
    ]);
  });
  it('a nested field left out names its path', () => {
    expect(
      errorsOf({
        caseId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        date: '2026-11-02',
        children: [{}],
      }),
    ).toEqual([{ field: 'children.0.name', message: 'children.0.name is required' }]);
  });
  it('a field present but wrong still reports the rule it broke', () => {
    const errors = errorsOf({ caseId: 'nope', date: '2026-11-02' });
    expect(errors).toEqual([{ field: 'caseId', message: expect.stringContaining('UUID') }]);
  });
  it('an explicit null is not "required": it is refused by the rules', () => {
    const errors = errorsOf({ caseId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', date: null });
    expect(errors).not.toContainEqual({ field: 'date', message: 'date is required' });
    expect(errors).toEqual([{ field: 'date', message: expect.any(String) }]);
  });
  it('an unknown field is still "not an allowed field"', () => {
    expect(
      errorsOf({ caseId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', date: '2026-11-02', x: 1 }),
    ).toEqual([{ field: 'x', message: 'x is not an allowed field' }]);
  });
});
