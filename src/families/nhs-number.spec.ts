import { isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from './nhs-number';

describe('isValidNhsNumber', () => {
  it.each(['9434765919', '9434765870', '4010232137', '1000000060'])(
    'accepts the valid number %s',
    (value) => {
      expect(isValidNhsNumber(value)).toBe(true);
    },
  );

  it.each(['943 476 5919', '943-476-5919', ' 9434765919 ', '401 023 2137'])(
    'accepts the 3-3-4 grouping or surrounding whitespace: "%s"',
    (value) => {
      expect(isValidNhsNumber(value)).toBe(true);
    },
  );

  it.each([
    ['too short', '943476591'],
    ['too long', '94347659190'],
    ['empty', ''],
    ['letters', '94347659A9'],
    ['all letters', 'ABCDEFGHIJ'],
    ['a decimal point', '943476591.9'],
    ['a sign', '+9434765919'],
    ['grouping 4-3-3', '9434 765 919'],
    ['mixed separators', '943 476-5919'],
    ['double space', '943  476 5919'],
    ['only one separator', '943 4765919'],
    ['a dot separator', '943.476.5919'],
    ['full-width digits', '９４３４７６５９１９'],
  ])('rejects a malformed value (%s)', (_label, value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it.each([
    ['9434765918', 'check digit 8 instead of 9'],
    ['9434765871', 'check digit 1 instead of 0'],
    ['4010232138', 'check digit 8 instead of 7'],
    ['4910232137', 'a changed digit'],
    ['4100232137', 'two transposed digits'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it('rejects every number whose modulus 11 check would be 10', () => {
    for (let check = 0; check <= 9; check++) {
      expect(isValidNhsNumber(`100000001${check}`)).toBe(false);
      expect(isValidNhsNumber(`100000015${check}`)).toBe(false);
    }
  });

  it('accepts exactly one check digit for a nine-digit stem', () => {
    const valid = [...Array(10).keys()].filter((d) => isValidNhsNumber(`943476591${d}`));
    expect(valid).toEqual([9]);
  });

  it('returns false for non-string input rather than throwing', () => {
    expect(isValidNhsNumber(9434765919 as unknown as string)).toBe(false);
    expect(isValidNhsNumber(null as unknown as string)).toBe(false);
  });
});

describe('nhsCheckDigit', () => {
  it('computes the modulus 11 check digit with weights 10..2', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(nhsCheckDigit('401023213')).toBe(7);
  });

  it('maps a remainder of 0 (check 11) to 0', () => {
    expect(nhsCheckDigit('943476587')).toBe(0);
    expect(nhsCheckDigit('100000006')).toBe(0);
  });

  it('returns null when the check would be 10', () => {
    expect(nhsCheckDigit('100000001')).toBeNull();
  });

  it('throws on anything but nine digits', () => {
    expect(() => nhsCheckDigit('12345678')).toThrow(RangeError);
    expect(() => nhsCheckDigit('12345678a')).toThrow(RangeError);
  });
});

describe('normaliseNhsNumber', () => {
  it('keeps only the digits', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
    expect(normaliseNhsNumber('943-476-5919')).toBe('9434765919');
    expect(normaliseNhsNumber(' 9434765919\n')).toBe('9434765919');
  });

  it('leaves an already normal number unchanged', () => {
    expect(normaliseNhsNumber('4010232137')).toBe('4010232137');
  });
});
