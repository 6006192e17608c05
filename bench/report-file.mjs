// docs/benchmarks.md holds one section per benchmark command, each between
// HTML comment markers, so that each command rewrites its own figures and
// keeps the others'.
import fs from 'node:fs';
import path from 'node:path';

function markers(name) {
  return { start: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` };
}

/**
 * Replaces the section `name` of the report file with `markdown`, or adds it
 * at the end. A file without any markers predates them and is replaced whole.
 */
export function writeReportSection(file, name, markdown) {
  const { start, end } = markers(name);
  const block = `${start}\n${markdown.trim()}\n${end}\n`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';

  let next;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from !== -1 && to > from) next = current.slice(0, from) + block + current.slice(to + end.length + 1);
  else if (!current.includes('<!-- bench:')) next = name === 'api' ? block : `${current.trim()}\n\n${block}`.trimStart();
  else next = `${current.trimEnd()}\n\n${block}`;

  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next);
}
