/**
 * `npm run check`: validate all content and print EVERY problem as
 * `content/notes/<file>.mdx:<line>:<col> <message>`; exit 1 if there is any.
 * Also checks the calibration records (content/calibration/<id>.json): each experiment has
 * one, made at its current version and default settings.
 * `--quiet-ok` prints nothing when all is well (used by `npm run build`).
 */
import { buildContentIndex } from '../lib/content/index';
import { formatDiagnostic, sortDiagnostics } from '../lib/content/diagnostics';
import { allRecordProblems } from '../lib/content/calibration-records';

const quietOk = process.argv.includes('--quiet-ok');
const rootArg = process.argv.find((a) => a.startsWith('--root='));
const index = buildContentIndex(rootArg ? rootArg.slice('--root='.length) : process.cwd());
const problems = sortDiagnostics(index.diagnostics);
// Records describe this repository's experiments: checked for the site itself, not for another --root.
const recordProblems = rootArg ? [] : allRecordProblems(process.cwd());
if (problems.length > 0 || recordProblems.length > 0) {
  for (const d of problems) console.error(formatDiagnostic(d));
  for (const p of recordProblems) console.error(`calibration: ${p}`);
  console.error(`\n${problems.length + recordProblems.length} problem(s) in content. See docs/authoring.md for the format.`);
  process.exit(1);
}
if (!quietOk) console.log(`Content OK: ${index.notes.length} notes, ${index.references.size} references.`);
