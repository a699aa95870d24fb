/** Factories for report and takedown tests: a reader's report, an admin's takedown. */
import type { FastifyInstance } from 'fastify';
import { call, type CallOptions, type TestUser } from './api.js';

export const report = (app: FastifyInstance, code: string, body: unknown, options: CallOptions = {}) =>
  call(app, 'POST', `/api/v1/shared/${code}/reports`, { ...options, body });

export async function takeDown(app: FastifyInstance, admin: TestUser, shareId: string, reason = 'Spam links.') {
  const response = await call(app, 'POST', `/api/v1/admin/shares/${shareId}/takedown`, {
    auth: admin.bearer,
    body: { reason },
  });
  if (response.statusCode !== 200) throw new Error(`takedown failed: ${response.body}`);
  return response.json() as { takenDown: { at: string; reason: string } | null; openReportCount: number };
}

export async function listReports(app: FastifyInstance, admin: TestUser, query = '') {
  const response = await call(app, 'GET', `/api/v1/admin/reports${query}`, { auth: admin.bearer });
  if (response.statusCode !== 200) throw new Error(`listing reports failed: ${response.body}`);
  return response.json() as {
    items: {
      id: string;
      reason: string;
      note: string | null;
      reporterEmail: string | null;
      resolution: string | null;
      resolvedAt: string | null;
      share: { id: string; code: string; ownerEmail: string; reportCount: number; openReportCount: number };
    }[];
    nextCursor: string | null;
  };
}
