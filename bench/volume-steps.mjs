// The timed steps of the volume benchmark that are not autocannon runs: the
// roster import and the list export, each timed and with the server's peak
// memory read from /proc.
import fs from 'node:fs';
import path from 'node:path';
import { readMemory } from './processes.mjs';

/** Resets VmHWM of a process to its current RSS (Linux clear_refs value 5), so the next reading is the next step's peak. */
export function resetPeakMemory(pid) {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function sessionHeaders(session) {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken, accept: 'application/json' };
}

function seconds(since) {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

async function readJson(response, step) {
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(`${step} returned ${response.status} (${json?.error?.code ?? 'no error code'})`);
  return json;
}

/**
 * Uploads the roster for a preview, then commits it. Returns the row count,
 * the seconds and rows/s of each step and the server's peak RSS, or
 * `{ skipped }` when this server has no import endpoint.
 */
export async function importRoster(cordon, session, file, communityCode, log) {
  const before = readMemory(cordon.pid);
  const form = new FormData();
  form.set('kind', 'arrivals');
  form.set('communityCode', communityCode);
  form.set('file', await fs.openAsBlob(file), path.basename(file));

  log('import: uploading the roster for a preview');
  const previewStarted = process.hrtime.bigint();
  const response = await fetch(`${cordon.baseUrl}/api/imports`, { method: 'POST', headers: sessionHeaders(session), body: form });
  if (response.status === 404) return { skipped: 'this build has no import endpoint' };
  const preview = await readJson(response, 'POST /api/imports');
  const previewSeconds = seconds(previewStarted);
  const afterPreview = readMemory(cordon.pid);

  const rejected = {};
  for (const error of preview.errors) rejected[error.code] = (rejected[error.code] ?? 0) + 1;
  log(
    `import: committing ${preview.totals.valid} valid rows of ${preview.totals.rows}; rejected rows by code: ${JSON.stringify(rejected)}`,
  );
  const commitStarted = process.hrtime.bigint();
  const commit = await readJson(
    await fetch(`${cordon.baseUrl}/api/imports/${preview.id}/commit`, { method: 'POST', headers: sessionHeaders(session) }),
    'POST /api/imports/:id/commit',
  );
  const commitSeconds = seconds(commitStarted);
  const afterCommit = readMemory(cordon.pid);

  return {
    fileBytes: fs.statSync(file).size,
    rows: preview.totals.rows,
    valid: preview.totals.valid,
    invalid: preview.totals.invalid,
    rejected,
    created: commit.created,
    previewSeconds,
    commitSeconds,
    rssBeforeMiB: before.rssMiB,
    peakPreviewMiB: afterPreview.peakRssMiB,
    peakCommitMiB: afterCommit.peakRssMiB,
  };
}

/** Downloads the whole person list as xlsx, counting bytes without keeping them. */
export async function exportList(cordon, session, log) {
  const before = readMemory(cordon.pid);
  log('export: downloading every person file as xlsx');
  const started = process.hrtime.bigint();
  const response = await fetch(`${cordon.baseUrl}/api/exports/persons.xlsx`, { headers: sessionHeaders(session) });
  if (response.status === 404) return { skipped: 'this build has no export endpoint' };
  if (!response.ok) throw new Error(`GET /api/exports/persons.xlsx returned ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += chunk.length;
  return { bytes, seconds: seconds(started), rssBeforeMiB: before.rssMiB, peakMiB: readMemory(cordon.pid).peakRssMiB };
}

/** Builds an autocannon request that searches the person list for each value in turn. */
export function searchRequest(session, values) {
  const paths = values.map((value) => `/api/persons?q=${encodeURIComponent(value)}&page=1&pageSize=20`);
  return { method: 'GET', path: paths[0], paths, headers: { cookie: session.cookie, accept: 'application/json' } };
}
