import { isValidUpn, upnCheckLetter } from './upn';

describe('UPN (DfE rules 1510, 1540, 1550)', () => {
  const tail = '820200101001';
  const letter = upnCheckLetter(tail) as string;

  it('accepts a UPN whose first letter is its check letter', () => {
    expect(isValidUpn(`${letter}${tail}`)).toBe(true);
  });

  it('the check letter weighs characters 2-13 by 2-13, mod 23', () => {
    // 8*2 + 2*3 + 0 + 2*5 + 0 + 0 + 1*8 + 0 + 1*10 + 0 + 0 + 1*13 = 63; 63 mod 23 = 17 → 'U' (A=0 … H=7, J=8 … N=12, P=13, Q, R, T=16, U=17)
    expect(letter).toBe('U');
  });

  it.each([
    ['wrong check letter', `${letter === 'A' ? 'B' : 'A'}${tail}`],
    ['12 characters', `${letter}${tail.slice(1)}`],
    ['a letter among characters 2-12', `${letter}8202001010A1`],
    ['I, O or S as character 13', `${letter}82020010100I`],
    ['lower case', `${letter.toLowerCase()}${tail}`],
  ])('refuses %s', (_why, upn) => {
    expect(isValidUpn(upn)).toBe(false);
  });

  it('a temporary UPN (letter at 13) carries its check letter too', () => {
    const temp = '82020010100A';
    expect(isValidUpn(`${upnCheckLetter(temp)}${temp}`)).toBe(true);
  });
});
