// Reads a multipart body (send-input and the verification page's uploads): text fields by
// name, files in order. A body busboy cannot parse is MetaMap's 400 "Invalid structure",
// never a 500; the upload limits keep their 413.
import type { FastifyError, FastifyRequest } from 'fastify';
import { invalidStructure, type MetamapError } from './errors.js';
import type { UploadedFile } from './send-input.js';

/** @fastify/multipart options of both upload routes: MetaMap's 20 files, 50 MB each. */
export const UPLOAD_LIMITS = { limits: { fileSize: 50 * 1024 * 1024, files: 20 } };

export interface MultipartForm {
  readonly fields: Record<string, string>;
  readonly files: UploadedFile[];
}

export async function readMultipartForm(request: FastifyRequest): Promise<MultipartForm | MetamapError> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') files.push({ field: part.fieldname, filename: part.filename, mimetype: part.mimetype, bytes: await part.toBuffer() });
      else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    const status = (error as FastifyError).statusCode;
    const detail = `malformed multipart body (${(error as Error).message})`;
    return status !== undefined && status >= 400 && status < 500 ? { ...invalidStructure(detail), code: status } : invalidStructure(detail);
  }
  return { fields, files };
}
