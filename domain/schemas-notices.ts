/**
 * The notices' request and response shapes (issue 13: GET /v1/notices, POST /v1/notices/{id}/retry,
 * GET /v1/participants/{id}/notices); the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { listPageSchema } from './schemas-lists';

export const NOTICE_STATUS_VALUES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;

export const noticeQuerySchema = listPageSchema.extend({
  status: z
    .enum(NOTICE_STATUS_VALUES, { error: `INVALID_STATUS: one of ${NOTICE_STATUS_VALUES.join(', ')}` })
    .optional()
    .describe('queued | sending | sent | failed | dead (the dead letters)'),
});

export const noticeIdParamsSchema = z.object({
  id: z.coerce
    .number({ error: 'INVALID_ID: a notice id' })
    .int('INVALID_ID: a notice id')
    .min(1, 'INVALID_ID: a notice id')
    .max(Number.MAX_SAFE_INTEGER, 'INVALID_ID: a notice id'),
});

export const noticeSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  channel: z.string(),
  recipientType: z.string(),
  status: z.enum(NOTICE_STATUS_VALUES),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe('a code (SMTP_AUTH, SMTP_REJECTED, …), never a server message'),
  deliveredVia: z.enum(['smtp', 'sms', 'inbox']).nullable(),
  messageId: z.string().describe('the Message-ID of every send of this notice'),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
});

export const noticePageSchema = z.object({ items: z.array(noticeSchema), nextCursor: z.string().nullable() });
