import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord, escapeFormula, toCsv, unescapeFormula } from './csv.js';

describe('csv', () => {
  it('defuses cells a spreadsheet would run as formulas, and imports undo it', () => {
    for (const cell of ['=1+1', '+33 1 23', '-x', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(escapeFormula(cell)).toBe(`'${cell}`);
      expect(unescapeFormula(escapeFormula(cell))).toBe(cell);
    }
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(unescapeFormula("'quoted on purpose")).toBe("'quoted on purpose");
  });

  it('quotes per RFC 4180 and keeps numbers as numbers', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'two\nlines', ' edge', -12.5, null])).toBe(
      'a,"b,c","say ""hi""","two\nlines"," edge",-12.5,',
    );
    expect(
      toCsv([
        ['h1', 'h2'],
        [1, 'x'],
      ]),
    ).toBe('h1,h2\r\n1,x\r\n');
  });
});
