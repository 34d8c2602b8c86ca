import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import matter from 'gray-matter';
import { asDateTime, formatDisplayDate, gitLastCommitDate, resolveLastUpdated, type GitRunner } from '@/lib/content/last-updated';
import { readFolderDates } from '@/lib/content/git-dates';
import { parseUpdatedDate } from '@/lib/content/updated-date';
import { validateFrontmatter } from '@/lib/content/frontmatter';

const never = () => {
  throw new Error('must not be asked');
};

describe('last-updated date resolution', () => {
  it("prefers the author's updated:, then git, then the file's time, asking each only if needed", () => {
    expect(resolveLastUpdated({ frontmatter: '2026-11-30', git: never, mtime: never })).toEqual({ date: '2026-11-30', source: 'frontmatter' });
    expect(resolveLastUpdated({ git: () => '2026-10-01T08:00:00.000Z', mtime: never })).toEqual({ date: '2026-10-01T08:00:00.000Z', source: 'git' });
    expect(resolveLastUpdated({ git: () => null, mtime: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) })).toEqual({ date: '2026-01-02T03:04:05.000Z', source: 'file' });
  });

  const runner = (answers: Record<string, string | Error>): GitRunner => (args) => {
    const answer = answers[args[0]];
    if (answer instanceof Error) throw answer;
    return answer ?? '';
  };

  it("reads git's last commit date for the file, in UTC", () => {
    const run = runner({ 'rev-parse': 'false', status: '', log: '2026-11-29T23:30:00+02:00' });
    expect(gitLastCommitDate('/repo', 'content/notes/a.mdx', run)).toBe('2026-11-29T21:30:00.000Z');
  });

  it('says nothing (so the file time is used) without git, in a shallow clone, or for an uncommitted or modified file', () => {
    expect(gitLastCommitDate('/repo', 'a.mdx', runner({ 'rev-parse': new Error('spawn git ENOENT') }))).toBeNull();
    expect(gitLastCommitDate('/repo', 'a.mdx', runner({ 'rev-parse': new Error('fatal: not a git repository') }))).toBeNull();
    expect(gitLastCommitDate('/repo', 'a.mdx', runner({ 'rev-parse': 'true', status: '', log: '2026-11-29T23:30:00+02:00' }))).toBeNull();
    expect(gitLastCommitDate('/repo', 'a.mdx', runner({ 'rev-parse': 'false', status: ' M a.mdx', log: '2026-11-29T23:30:00+02:00' }))).toBeNull();
    expect(gitLastCommitDate('/repo', 'a.mdx', runner({ 'rev-parse': 'false', status: '', log: '' }))).toBeNull();
    expect(gitLastCommitDate('/repo', 'a.mdx', runner({ 'rev-parse': 'false', status: '', log: 'garbage' }))).toBeNull();
  });

  it('works against a real repository: a committed file has its commit date, a directory without git has none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'note-dates-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.mdx'), 'x');
      expect(gitLastCommitDate(dir, 'a.mdx')).toBeNull(); // not a repository
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-04T05:06:07Z', GIT_AUTHOR_DATE: '2026-03-04T05:06:07Z' } });
      git('init', '-q');
      git('add', 'a.mdx');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'a');
      expect(gitLastCommitDate(dir, 'a.mdx')).toBe('2026-03-04T05:06:07.000Z');
      fs.writeFileSync(path.join(dir, 'a.mdx'), 'changed');
      expect(gitLastCommitDate(dir, 'a.mdx')).toBeNull(); // modified since: its own time is newer
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads a whole folder's dates from three git processes, answering as git does for each file", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'note-dates-folder-'));
    try {
      // The content root is a folder inside the repository (CONTENT_ROOT), so paths need its prefix.
      const root = path.join(repo, 'site');
      fs.mkdirSync(path.join(root, 'notes'), { recursive: true });
      const commit = (date: string, ...files: string[]) => {
        const env = { ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date };
        for (const f of files) fs.writeFileSync(path.join(root, f), `${f} at ${date}`);
        execFileSync('git', ['add', '.'], { cwd: repo, stdio: 'ignore' });
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', date], { cwd: repo, stdio: 'ignore', env });
      };
      execFileSync('git', ['init', '-q'], { cwd: repo, stdio: 'ignore' });
      commit('2026-01-01T10:00:00Z', 'notes/a.mdx', 'notes/b.mdx', 'notes/c.mdx');
      commit('2026-02-02T10:00:00+02:00', 'notes/a.mdx');
      fs.writeFileSync(path.join(root, 'notes', 'b.mdx'), 'modified, not committed');
      fs.writeFileSync(path.join(root, 'notes', 'd.mdx'), 'never committed');
      let calls = 0;
      const counting: GitRunner = (args, cwd) => {
        calls++;
        return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      };
      const folder = readFolderDates(root, 'notes', counting)!;
      expect(calls).toBe(3);
      const files = ['a', 'b', 'c', 'd'].map((n) => path.join('notes', `${n}.mdx`));
      expect(files.map((f) => folder.answer(f))).toEqual(['2026-02-02T08:00:00.000Z', null, '2026-01-01T10:00:00.000Z', null]);
      for (const f of files) expect(folder.answer(f), f).toBe(gitLastCommitDate(root, f));
      expect(calls).toBe(3);
      expect(folder.mtimes.get(path.join('notes', 'a.mdx'))).toBe(fs.statSync(path.join(root, 'notes', 'a.mdx')).mtimeMs);

      // A merge in the folder's history: the folder's log and a file's log may follow different parents.
      fs.rmSync(path.join(root, 'notes', 'd.mdx'));
      execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: repo, stdio: 'ignore' });
      execFileSync('git', ['checkout', '-q', '-b', 'side'], { cwd: repo, stdio: 'ignore' });
      commit('2026-03-03T10:00:00Z', 'notes/c.mdx');
      execFileSync('git', ['checkout', '-q', '-'], { cwd: repo, stdio: 'ignore' });
      commit('2026-03-04T10:00:00Z', 'notes/a.mdx');
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'merge', '-q', '--no-edit', 'side'], { cwd: repo, stdio: 'ignore' });
      expect(readFolderDates(root, 'notes', counting)).toBeNull();
      // No repository at all: no file has a commit date.
      fs.rmSync(path.join(repo, '.git'), { recursive: true });
      expect(readFolderDates(root, 'notes', counting)!.answer(files[0])).toBeNull();
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('prints dates in UTC and gives date-only values a time for Atom', () => {
    expect(formatDisplayDate('2026-11-30')).toBe('30 November 2026');
    expect(formatDisplayDate('2026-11-30T23:59:00.000Z')).toBe('30 November 2026');
    expect(asDateTime('2026-11-30')).toBe('2026-11-30T00:00:00Z');
    expect(asDateTime('2026-11-30T10:00:00.000Z')).toBe('2026-11-30T10:00:00.000Z');
  });
});

describe('updated: in the frontmatter', () => {
  it('accepts real dates, written YYYY-MM-DD or as a full date-time with its zone', () => {
    expect(parseUpdatedDate('2026-11-30')).toBe('2026-11-30');
    expect(parseUpdatedDate('2024-02-29')).toBe('2024-02-29');
    expect(parseUpdatedDate('2026-11-30T10:00:00+01:00')).toBe('2026-11-30T09:00:00.000Z');
    for (const bad of ['2026-02-29', '2026-13-01', '2026-11-31', '30/11/2026', '2026-1-5', 'yesterday', '2026-11-30T25:00:00Z', '']) expect(parseUpdatedDate(bad), bad).toBeNull();
  });

  const base = '---\ntitle: A note title\nsummary: A summary long enough to pass the schema check.\ntopics: [concepts]\npaper:\n  title: A paper\n  authors: [A. Author]\n  year: 2020\n  venue: ICML\n  url: https://example.org/paper\n';
  const check = (line: string) => {
    const source = `${base}${line}\n---\n\nBody.\n`;
    return validateFrontmatter('content/notes/x.mdx', source, matter(source).data);
  };

  it('stores a valid date as text, quoted or not', () => {
    expect(check('updated: 2026-11-30')).toEqual({ value: expect.objectContaining({ updated: '2026-11-30' }), diagnostics: [] });
    expect(check("updated: '2026-11-30' # reviewed")).toEqual({ value: expect.objectContaining({ updated: '2026-11-30' }), diagnostics: [] });
  });

  it('reports an impossible date at the value itself, even one the YAML parser quietly rolls over', () => {
    // Unquoted, 2026-13-45 parses as a Date in February 2027: only the written text shows the mistake.
    expect(check('updated: 2026-13-45').diagnostics).toEqual([
      { file: 'content/notes/x.mdx', line: 11, column: 10, message: expect.stringContaining('"2026-13-45" is not a calendar date; write the date YYYY-MM-DD') },
    ]);
    expect(check('updated: "2026-02-30"').diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['11:10']);
    expect(check('updated:   last tuesday').diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '11:12 frontmatter updated: "last tuesday" is not a calendar date; write the date YYYY-MM-DD (e.g. updated: 2026-11-30)',
    ]);
    expect(check('updated: 20261130').diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['11:10']);
    expect(check('updated:').diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '11:1 frontmatter updated: has no value; write the date YYYY-MM-DD (e.g. updated: 2026-11-30)',
    ]);
  });
});
