/**
 * Reports answer JSON, or a file when asked (`format=csv`): the handler then
 * returns `{ file: { filename, contentType, body, sha256, lines } }` and this
 * middleware, added after the platform chain, turns only that success into
 * the download (same security headers; errors and JSON answers untouched).
 */
import { createHash } from 'node:crypto';
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResponse } from '../../http/middleware.js';

export interface ReportFile {
  filename: string;
  contentType: string;
  body: string;
  sha256: string;
  lines: number;
}

export function reportFile(filename: string, contentType: string, body: string, lines: number): { file: ReportFile } {
  return { file: { filename, contentType, body, sha256: createHash('sha256').update(body, 'utf8').digest('hex'), lines } };
}

export function fileResponse(): middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context> {
  return {
    name: 'report-file-response',
    after: (request) => {
      const r = request.response;
      if (r === null || r === undefined || r.statusCode !== 200 || typeof r.body !== 'string') return;
      const parsed = JSON.parse(r.body) as { file?: ReportFile };
      if (parsed.file === undefined) return;
      const f = parsed.file;
      request.response = {
        ...r,
        headers: { ...r.headers, 'content-type': f.contentType, 'content-disposition': `attachment; filename="${f.filename}"`, 'x-export-sha256': f.sha256, 'x-export-lines': String(f.lines) },
        body: f.body,
      };
    },
  };
}
