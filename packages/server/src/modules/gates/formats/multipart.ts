import { AppError } from '../../../errors/app-error.js';

// No multipart parser (busboy, @fastify/multipart) is installed, and a
// camera's post is small and whole in memory already (the route's body limit
// bounds it), so this reads a complete multipart/form-data buffer.

export interface MultipartPart {
  /** The form field name from Content-Disposition. */
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

const MAX_PARTS = 16;
const MAX_HEADER_BYTES = 2_048;

function fail(detail: string): never {
  throw new AppError('GATE_EVENT_MULTIPART_INVALID', undefined, { detail });
}

/** The boundary parameter of a multipart Content-Type header. */
export function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) fail('the Content-Type header has no boundary');
  return boundary;
}

function headerValue(lines: string[], name: string): string | null {
  const line = lines.find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

function dispositionParameter(disposition: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="([^"]*)"`, 'i').exec(disposition) ?? new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(disposition);
  return match?.[1] ?? null;
}

/** Splits a multipart/form-data body into its parts, or throws GATE_EVENT_MULTIPART_INVALID naming the problem. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) fail('the body does not contain the boundary');

  const parts: MultipartPart[] = [];
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    if (body.subarray(position, position + 2).toString() !== '\r\n') fail('a boundary is not followed by a line break');
    position += 2;

    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0 || headerEnd - position > MAX_HEADER_BYTES) fail(`part ${parts.length + 1} has no complete header`);
    const lines = body.subarray(position, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) fail(`part ${parts.length + 1} is not closed by the boundary`);

    const disposition = headerValue(lines, 'content-disposition');
    const name = disposition ? dispositionParameter(disposition, 'name') : null;
    if (!disposition || !name) fail(`part ${parts.length + 1} has no Content-Disposition name`);
    parts.push({
      name,
      filename: dispositionParameter(disposition, 'filename'),
      contentType: headerValue(lines, 'content-type'),
      data: body.subarray(headerEnd + 4, next),
    });
    if (parts.length > MAX_PARTS) fail(`more than ${MAX_PARTS} parts`);
    position = next + 2;
  }
}

/** Builds a multipart/form-data body, for the simulator and the tests. */
export function buildMultipart(parts: MultipartPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename ? `; filename="${part.filename}"` : '';
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`),
      part.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
