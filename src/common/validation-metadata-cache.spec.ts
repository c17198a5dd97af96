import { IsInt, IsString, getMetadataStorage, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

describe('validation metadata cache', () => {
  beforeAll(() => cacheValidationMetadata());

  it("answers a class's rules from the cache once looked up", () => {
    class Named {
      @IsString() name!: string;
    }
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Named, '', false, false);
    expect(first.map((m) => m.propertyName)).toEqual(['name']);
    expect(storage.getTargetValidationMetadatas(Named, '', false, false)).toBe(first);
  });

  it('keeps inherited rules, and a subclass decorated after a lookup gets its own', () => {
    class Base {
      @IsString() name!: string;
    }
    expect(validateSync(Object.assign(new Base(), { name: 1 }))).toHaveLength(1);
    class Child extends Base {
      @IsInt() age!: number;
    }
    const errors = validateSync(Object.assign(new Child(), { name: 1, age: 'x' }));
    expect(errors.map((e) => e.property).sort()).toEqual(['age', 'name']);
    expect(validateSync(Object.assign(new Child(), { name: 'a', age: 3 }))).toHaveLength(0);
  });

  it('clears the cache when a rule is registered after a lookup', () => {
    class Late {
      @IsString() a!: string;
    }
    expect(validateSync(Object.assign(new Late(), { a: 'x', b: 1 }))).toHaveLength(0);
    // A property decorated later (as a module loaded late would): its rule applies at once.
    IsInt()(Late.prototype, 'b');
    expect(
      validateSync(Object.assign(new Late(), { a: 'x', b: 'y' })).map((e) => e.property),
    ).toEqual(['b']);
  });

  it('whitelists against the cached rules (an unknown field is still refused)', () => {
    class Strict {
      @IsString() a!: string;
    }
    const opts = { whitelist: true, forbidNonWhitelisted: true };
    expect(validateSync(Object.assign(new Strict(), { a: 'x' }), opts)).toHaveLength(0);
    const errors = validateSync(Object.assign(new Strict(), { a: 'x', extra: 1 }), opts);
    expect(errors.map((e) => Object.keys(e.constraints ?? {}))).toEqual([['whitelistValidation']]);
  });
});
