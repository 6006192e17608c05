// docs/benchmarks.md contains one section per benchmark command, each between
// HTML comment markers, so that each command rewrites its own figures and
// keeps the others'.
import fs from 'node:fs';
import path from 'node:path';

function markers(name) {
  return { start: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` };
}

/**
 * Replaces the section `name` of the report file with `markdown`, or adds it
 * at the end. A file without any markers predates them and contains only the
 * API section.
 */
export function writeReportSection(file, name, markdown) {
  const { start, end } = markers(name);
  const block = `${start}\n${markdown.trim()}\n${end}\n`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';

  // A page written before the markers holds only the API figures: mark them as that section.
  let page = current;
  if (page.trim() !== '' && !page.includes('<!-- bench:')) page = `<!-- bench:api -->\n${page.trim()}\n<!-- /bench:api -->\n`;

  let next;
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from !== -1 && to > from) next = page.slice(0, from) + block + page.slice(to + end.length + 1);
  else if (page.trim() === '') next = block;
  else next = `${page.trimEnd()}\n\n${block}`;

  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next);
}
