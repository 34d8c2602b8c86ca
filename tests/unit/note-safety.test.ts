import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { resolvePublicFile } from '@/lib/content/index';
import { validateFrontmatter } from '@/lib/content/frontmatter';
import { scanSvg } from '@/lib/content/svg-safety';
import { isSafeLink, isSitePath, isWebUrl, urlScheme } from '@/lib/content/url-safety';
import { findUnclosedQuote } from '@/lib/content/yaml-quotes';
import { parseBibtex, formatReference } from '@/lib/content/bibtex';

describe('URL rules', () => {
  it('reads the scheme as a browser does, ignoring tabs, newlines and case', () => {
    expect(urlScheme('java\tscript:alert(1)')).toBe('javascript');
    expect(urlScheme(' JAVASCRIPT:alert(1)')).toBe('javascript');
    expect(urlScheme('/notes/a:b')).toBeNull();
  });

  it('lets notes link to site paths and web addresses only', () => {
    for (const ok of ['/notes/x', '#h', 'https://a.org', 'http://a.org', 'mailto:a@b.org', 'other-note']) expect(isSafeLink(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'java\nscript:x']) expect(isSafeLink(bad), bad).toBe(false);
  });

  it('requires http(s) with a host for paper and reference urls, and own files for images', () => {
    expect(isWebUrl('https://arxiv.org/abs/1')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'https://', 'ftp://x.org', '/notes/x', 'data:,x']) expect(isWebUrl(bad), bad).toBe(false);
    expect(isSitePath('/figures/a.svg')).toBe(true);
    for (const bad of ['//evil.example/a.svg', 'https://evil.example/a.svg', 'figures/a.svg', '/\\evil.example']) expect(isSitePath(bad), bad).toBe(false);
  });
});

describe('BibTeX urls', () => {
  it('records where each value starts and never turns a javascript: url into a link', () => {
    const bib = '@misc{evil,\n  title = {T},\n  url = {javascript:alert(1)}\n}';
    const entry = parseBibtex(bib).entries.get('evil')!;
    expect(entry.valuePositions.url).toEqual({ line: 3, column: 9 });
    expect(formatReference(entry).url).toBeUndefined();
  });
});

describe('unclosed YAML quotes', () => {
  it('finds the line and column of the quote that never closes', () => {
    expect(findUnclosedQuote('---\ntitle: "Open\nsummary: "Closed"\n---\n')).toEqual({ line: 2, column: 8, quote: '"' });
    expect(findUnclosedQuote("---\ntitle: 'it''s fine'\nauthors: [\"A\", 'B]\n---\n")).toEqual({ line: 3, column: 16, quote: "'" });
    expect(findUnclosedQuote('---\ntitle: "a, \'b" # quotes inside a value are text\n---\n')).toBeNull();
  });
});

describe('figure SVGs', () => {
  it('keeps every real figure as it is (up to comments and the XML declaration)', () => {
    const dir = 'public/figures';
    const normalise = (svg: string) => svg.replace(/<\?xml[^>]*>/, '').replace(/<!--[\s\S]*?-->/g, '').replace(/&gt;|>/g, '>').replace(/\s+/g, ' ').replace(/ ?\/>/g, '/>').trim();
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.svg'))) {
      const text = fs.readFileSync(`${dir}/${name}`, 'utf8');
      const scan = scanSvg(text);
      expect(scan.problems, name).toEqual([]);
      expect(normalise(scan.safe), name).toBe(normalise(text));
    }
  });

  it('reports and removes script, handlers, foreignObject and references outside the figure', () => {
    const svg = [
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">',
      '<script>alert(2)</script><rect x="1"onclick="alert(3)"/>',
      '<foreignObject><iframe src="https://evil.example"></iframe></foreignObject>',
      '<use href="https://evil.example/s.svg#i"/><use xlink:href="jav&#x61;script:alert(4)"/><use href="#own"/>',
      '<rect style="fill:url(https://evil.example/t.png)"/><rect fill="url(#grad)"/><a href="javascript:x"><text>t</text></a>',
      '<rect fill="x&colon;y"/><Script>alert(5)</Script><style>@import url(//evil.example)</style>',
      '</svg>',
    ].join('\n');
    const scan = scanSvg(svg);
    expect(scan.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['1:41', '2:1', '2:37', '3:1', '4:6', '4:48', '5:7', '5:78', '6:7', '6:25', '6:50']);
    expect(scan.safe).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg">\n<rect x="1"/>\n\n<use/><use/><use href="#own"/>\n<rect/><rect fill="url(#grad)"/>\n<rect/>\n</svg>',
    );
  });

  it('closes what it opened and escapes stray markup, so the browser parses what was checked', () => {
    expect(scanSvg('<svg><g><text>a < b & c</text>').safe).toBe('<svg><g><text>a &lt; b & c</text></g></svg>');
    expect(scanSvg('<svg><![CDATA[<script>x</script>]]></svg>').safe).toBe('<svg>&lt;script&gt;x&lt;/script&gt;</svg>');
  });
});

describe('files that are not figures', () => {
  it('reports and drops text outside the drawing, so a linked secret is never inlined', () => {
    const scan = scanSvg('root:x:0:0:root:/root:/bin/bash\n');
    expect(scan.problems.map((p) => p.message)).toEqual([
      'text outside the <svg> element: a figure file holds one <svg> drawing and nothing else',
      'a figure must be an SVG file: there is no <svg> element in it',
    ]);
    expect(scan.safe).toBe('');
    expect(scanSvg('<html><svg></svg></html>').problems[0]).toEqual({ line: 1, column: 1, message: 'a figure must be an SVG file: its first element is <html>, not <svg>' });
  });

  it('follows symbolic links only as far as public/', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'public-file-'));
    fs.mkdirSync(path.join(root, 'public', 'figures'), { recursive: true });
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    fs.writeFileSync(path.join(root, 'public', 'figures', 'real.svg'), '<svg/>');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'public', 'figures', 'leak.svg'));
    fs.symlinkSync(path.join(root, 'public', 'figures', 'real.svg'), path.join(root, 'public', 'figures', 'alias.svg'));
    expect(resolvePublicFile(root, '/figures/real.svg')).toBe(fs.realpathSync(path.join(root, 'public', 'figures', 'real.svg')));
    expect(resolvePublicFile(root, '/figures/alias.svg')).toBe(fs.realpathSync(path.join(root, 'public', 'figures', 'real.svg')));
    expect(resolvePublicFile(root, '/figures/leak.svg')).toBeNull();
    expect(resolvePublicFile(root, '/../secret.txt')).toBeNull();
    expect(resolvePublicFile(root, '/figures')).toBeNull();
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('frontmatter with YAML aliases', () => {
  it('checks nested aliases (a "billion laughs" block) without expanding them', () => {
    let yaml = 'a0: &a0 ["TODO: x", "y"]\n';
    for (let i = 1; i < 40; i++) yaml += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}]\n`;
    const source = `---\ntitle: "Aliases"\n${yaml}---\n`;
    const { diagnostics } = validateFrontmatter('n.mdx', source, matter(source).data);
    expect(diagnostics.map((d) => d.message)).toContain('frontmatter a0.0: still the new-note placeholder "TODO: x"; replace it');
  });
});

describe('frontmatter positions', () => {
  it('points at the value itself, never inside its key', () => {
    const source = '---\ntitle: "t"\nsummary: "A summary that is long enough to pass the schema."\ntopics: [concepts, astrology]\npaper:\n  title: "Paper"\n  authors: ["A"]\n  year: "twenty"\n  venue: "ICML"\n  url: "javascript:alert(1)"\n---\n';
    const { diagnostics } = validateFrontmatter('n.mdx', source, matter(source).data);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message.split(':')[0]}`)).toEqual([
      '2:8 frontmatter title',
      '4:20 frontmatter topics.1',
      '8:9 frontmatter paper.year',
      '10:8 frontmatter paper.url',
    ]);
  });
});

describe('frontmatter lengths', () => {
  it('refuses a 5,000-character title at its value, so one field cannot flood every page that lists the note', () => {
    const source = `---\ntitle: "${'x'.repeat(5000)}"\nsummary: "A summary that is long enough to pass the schema."\ntopics: [concepts]\npaper:\n  title: "Paper"\n  authors: ["A"]\n  year: 2020\n  venue: "ICML"\n  url: "https://a.org"\n---\n`;
    const { diagnostics } = validateFrontmatter('n.mdx', source, matter(source).data);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['2:8 frontmatter title: title should be at most 120 characters']);
  });
});
