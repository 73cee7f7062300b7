/**
 * GET /reports/archive?period=YYYY-MM (admin): the archive package of the
 * admin's municipality's month as a ZIP (archive-package.ts, docs/archive.md).
 * Each participant in it gets a staff-read entry (purpose `archive-export`)
 * before the file is returned. The font must be on the machine (Debian's
 * fonts-dejavu-core, or INTROFLYT_ARCHIVE_FONT): without it 503
 * ARCHIVE_FONT_UNAVAILABLE, and nothing is read.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { DEFAULT_FONT } from '../../shared/adapters/archive-pdf.js';
import { zip } from '../../shared/adapters/zip.js';
import { ServiceUnavailableError } from '../../shared/http/errors.js';
import { httpHandler, ok, routeOf, type HttpEvent, type HttpResponse } from '../../shared/http/middleware.js';
import { periodSchema } from '../../shared/features/decisions/period-schema.js';
import { recordReportReads } from '../../shared/features/reports/nir-inputs.js';
import { buildArchivePackage } from './archive-package.js';

const ROUTE = routeOf('report-archive');
const querySchema = z.strictObject({ period: periodSchema });

/** The ZIP travels base64 in the JSON result; this turns a success into the binary download. */
function zipResponse(): middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context> {
  return {
    name: 'zip-response',
    after: (request) => {
      const r = request.response;
      if (r === null || r === undefined || r.statusCode !== 200 || typeof r.body !== 'string') return;
      const f = JSON.parse(r.body) as { filename: string; zipBase64: string; sha256: string };
      request.response = {
        ...r,
        headers: { ...r.headers, 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${f.filename}"`, 'x-export-sha256': f.sha256 },
        body: f.zipBase64,
        isBase64Encoded: true,
      };
    },
  };
}

export const handler = httpHandler({ fn: 'report-archive', query: querySchema, use: [zipResponse()] }, async ({ auth, query, deps, log }) => {
  if (!existsSync(process.env.INTROFLYT_ARCHIVE_FONT ?? DEFAULT_FONT))
    throw new ServiceUnavailableError('ARCHIVE_FONT_UNAVAILABLE', 'The archive font is not installed where this runs, so no PDF can be made');
  const now = deps.clock.now();
  const pkg = await buildArchivePackage(deps, auth.municipality, query.period, now.toISOString(), async (pid) => {
    // The participant's language on their file, where the file has one (the pages' language setting).
    const profile = (await deps.participants.getProfile(pid)) as { language?: unknown } | undefined;
    return typeof profile?.language === 'string' ? profile.language : undefined;
  });
  await recordReportReads(deps, auth, pkg.manifest.records.map((r) => r.caseFile.party.participantId), 'archive-export', `${ROUTE.method} ${ROUTE.path}`);
  const bytes = zip(pkg.entries, now);
  log.append({ records: pkg.manifest.records.length, files: pkg.entries.length });
  return ok({ filename: `archive-${auth.municipality}-${query.period}.zip`, zipBase64: bytes.toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex') });
});
