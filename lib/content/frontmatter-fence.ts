/**
 * Frontmatter is YAML, and only YAML. gray-matter (used by the checker and inside mdx-bundler)
 * picks a parser from the word after the opening fence, and for `---js` or `---javascript` it
 * evaluates the block as JavaScript: a note could run code while it is merely being checked.
 * So the opening fence must be exactly `---`, and the parsers gray-matter is given can read
 * YAML and JSON only.
 */
export interface FenceProblem {
  line: number;
  column: number;
  message: string;
}

/** A problem with the opening fence, or null when the note starts with `---` alone on its line. */
export function frontmatterFenceProblem(source: string): FenceProblem | null {
  const first = source.slice(0, source.search(/\r?\n|$/));
  if (!first.startsWith('---')) return null; // no frontmatter at all: reported elsewhere
  const language = first.slice(3).trim();
  if (first.trimEnd() === '---') return null;
  return {
    line: 1,
    column: 4,
    message: `frontmatter must be YAML, opened by --- alone on the first line${language ? `, not ---${language} (another language would run as code)` : ''}`,
  };
}

function refuse(): never {
  throw new Error('frontmatter must be YAML');
}

/** gray-matter options whose only parsers are YAML and JSON (anything else throws). */
export function yamlOnly<T extends { engines?: object }>(options: T): T {
  const engines = { javascript: refuse, js: refuse, coffee: refuse, coffeescript: refuse, cson: refuse, toml: refuse };
  return { ...options, engines: { ...(options.engines ?? {}), ...engines } };
}
