/**
 * Where a YAML error really is, when the parser notices it too late. A value that opens a
 * quote and never closes it (`title: "Unterminated`) makes the parser read the following
 * lines as part of the string and fail lines later, at a place that has nothing to do with
 * the mistake. Frontmatter values are one line each, so the first line whose quoted value is
 * not closed on that line is the place to report.
 */
export interface QuotePlace {
  /** 1-based line and column of the opening quote, within the whole file. */
  line: number;
  column: number;
  quote: '"' | "'";
}

/** Where a quoted value opened at `open` closes on the same line, or -1. */
function closingQuote(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++; // '' is an escaped quote in a single-quoted value
        continue;
      }
      return i;
    }
  }
  return -1;
}

/** The first frontmatter line with an unclosed quoted value (lines of the whole file). */
export function findUnclosedQuote(source: string): QuotePlace | null {
  const lines = source.split('\n');
  for (let i = 1; i < lines.length && lines[i].trim() !== '---'; i++) {
    // A value starts after `key:` or a list dash, or after [ or , in a one-line list.
    let closedUpTo = -1; // quotes inside an already closed value are text, not openings
    for (const m of lines[i].matchAll(/(?:^\s*(?:-\s+)?[\w.-]+\s*:\s*|^\s*-\s+|[[,]\s*)(["'])/g)) {
      const open = (m.index ?? 0) + m[0].length - 1;
      if (open <= closedUpTo) continue;
      closedUpTo = closingQuote(lines[i], open, m[1]);
      if (closedUpTo < 0) return { line: i + 1, column: open + 1, quote: m[1] as '"' | "'" };
    }
  }
  return null;
}
