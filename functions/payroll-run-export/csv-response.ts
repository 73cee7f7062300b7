/**
 * Turns the export handler's JSON result into the CSV file itself. The
 * platform chain (shared/http/middleware.ts) answers JSON; this middleware,
 * added after it, rewrites only a successful response of this one route:
 * `text/csv` with a download filename, the same security headers, and the
 * file's sha256 so payroll can check the import. Errors stay JSON.
 */
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResponse } from '../../shared/http/middleware.js';
import type { RunExportFile } from './export-run.js';

export function csvResponse(): middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context> {
  return {
    name: 'csv-response',
    after: (request) => {
      const r = request.response;
      if (r === null || r === undefined || r.statusCode !== 200 || typeof r.body !== 'string') return;
      const file = JSON.parse(r.body) as RunExportFile;
      request.response = {
        ...r,
        headers: {
          ...r.headers,
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${file.filename}"`,
          'x-export-sha256': file.sha256,
          'x-export-lines': String(file.lines),
        },
        body: file.csv,
      };
    },
  };
}
