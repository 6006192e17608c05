import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../errors/app-error.js';
import { formatByteSize } from '../../../plugins/errors.js';

/** One part of a multipart/form-data body, read whole into memory. */
export interface MultipartPart {
  /** The form field name from Content-Disposition. */
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export interface MultipartLimits {
  /** Maximum number of parts of any kind. */
  parts: number;
  /** Maximum bytes of one file part (a part with a filename). */
  fileSize: number;
  /** Maximum bytes of one field part (a part without a filename). */
  fieldSize: number;
  /** Maximum bytes of all parts together. */
  total: number;
}

function partTooLarge(part: string, limit: number): AppError {
  return new AppError('GATE_EVENT_PART_TOO_LARGE', undefined, { part, limit: formatByteSize(limit) });
}

/**
 * Maps the errors of @fastify/multipart (FST_ codes) and of its parser,
 * @fastify/busboy 3 (plain errors whose message is the only sign), to
 * catalogue codes, so a malformed post always gets a 4xx. An error of the
 * socket (it has a `syscall`) stays a server error.
 */
function multipartErrorOf(error: unknown, limits: MultipartLimits): unknown {
  if (error instanceof AppError || !(error instanceof Error) || 'syscall' in error) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_PARTS_LIMIT') return new AppError('GATE_EVENT_MULTIPART_TOO_MANY_PARTS', undefined, { limit: limits.parts });
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    const part = (error as { part?: { fieldname?: unknown } }).part?.fieldname;
    return partTooLarge(typeof part === 'string' ? part : '?', limits.fileSize);
  }
  if (error.message === 'Multipart: Boundary not found') return new AppError('GATE_EVENT_MULTIPART_NO_BOUNDARY');
  if (code === 'FST_MP_PREMATURE_CLOSE' || /unexpected end of multipart data/i.test(error.message))
    return new AppError('GATE_EVENT_MULTIPART_TRUNCATED');
  return new AppError('GATE_EVENT_MULTIPART_INVALID');
}

/**
 * Reads every part of a multipart/form-data request into memory through
 * @fastify/multipart. That plugin's parser does not apply the route's
 * bodyLimit, so `limits.total` is enforced here. The Content-Length is
 * checked first, and the bytes are counted as they arrive, because a chunked
 * body has no length.
 */
export async function readMultipartParts(request: FastifyRequest, limits: MultipartLimits): Promise<MultipartPart[]> {
  const tooLarge = () => new AppError('BODY_TOO_LARGE', undefined, { limit: formatByteSize(limits.total) });
  if (Number(request.headers['content-length'] ?? 0) > limits.total) throw tooLarge();

  const parts: MultipartPart[] = [];
  let total = 0;
  try {
    const options = { limits: { parts: limits.parts, fileSize: limits.fileSize, fieldSize: limits.fieldSize }, throwFileSizeLimit: true };
    for await (const part of request.parts(options)) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw partTooLarge(part.fieldname, limits.fieldSize);
        const data = Buffer.from(String(part.value), 'utf8');
        total += data.length;
        if (total > limits.total) throw tooLarge();
        parts.push({ name: part.fieldname, filename: null, contentType: part.mimetype || null, data });
        continue;
      }

      const chunks: Buffer[] = [];
      for await (const chunk of part.file) {
        total += (chunk as Buffer).length;
        if (total > limits.total) throw tooLarge();
        chunks.push(chunk as Buffer);
      }
      if (part.file.truncated) throw partTooLarge(part.fieldname, limits.fileSize);
      parts.push({
        name: part.fieldname,
        filename: part.filename || null,
        contentType: part.mimetype || null,
        data: Buffer.concat(chunks),
      });
    }
  } catch (error) {
    throw multipartErrorOf(error, limits);
  }
  return parts;
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
