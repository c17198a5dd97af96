import { csvCell, csvRow } from './csv';

describe('csv', () => {
  it('leaves plain cells alone and writes empty cells for null/undefined', () => {
    expect(csvRow(['a', 1, true, null, undefined, 'b c'])).toBe('a,1,true,,,b c\r\n');
  });

  it('quotes commas, quotes, CR and LF (RFC 4180) and doubles inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('x\r\ny')).toBe('"x\r\ny"');
  });

  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x","y")'])(
    'neutralises a formula-looking cell %j with a leading single quote',
    (v) => {
      const cell = csvCell(v);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted).toBe(`'${v}`);
    },
  );

  it('does not touch cells that merely contain those characters later', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
  });

  it('writes objects as JSON, quoted', () => {
    expect(csvCell({ a: { before: 1, after: 2 } })).toBe('"{""a"":{""before"":1,""after"":2}}"');
    expect(csvCell(['x', 'y'])).toBe('"[""x"",""y""]"');
  });
});
