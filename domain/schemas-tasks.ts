/**
 * The work queue's request and response shapes (issue 12, Part A: GET /v1/tasks and
 * GET /v1/tasks/stalled); the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { isoDateSchema } from './schemas-fields';
import { TASK_KINDS } from './tasks';

const kindList = z
  .string()
  .max(400)
  .transform((s) => [...new Set(s.split(',').map((k) => k.trim()))].filter((k) => k !== ''))
  .refine((ks) => ks.every((k) => (TASK_KINDS as readonly string[]).includes(k)), {
    message: `INVALID_KIND: a comma list of ${TASK_KINDS.join(', ')}`,
  });

const cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,60}$/, 'INVALID_CURSOR: the nextCursor of a previous page')
  .optional();
const limit = z.coerce.number().int().min(1).max(200).default(50);
const province = z.string().regex(/^\d{2}$/, 'INVALID_PROVINCE_CODE: two digits');

export const TASK_STATES = ['open', 'overdue', 'escalated', 'done', 'cancelled'] as const;
export const TASK_ACTOR_FILTERS = ['officer', 'participant', 'employer', 'any'] as const;

export const taskQuerySchema = z.object({
  kind: kindList.optional().describe(`a comma list of kinds: ${TASK_KINDS.join(', ')}`),
  status: z
    .enum(TASK_STATES)
    .default('open')
    .describe(
      'open (default: waiting now, a report window from the day it opens), overdue (open past its due date), escalated (open and escalated), done, cancelled',
    ),
  province: province.optional().describe('the province code (2 digits) where the task waits'),
  dueBefore: isoDateSchema.optional().describe('due strictly before this day (YYYY-MM-DD)'),
  dueAfter: isoDateSchema.optional().describe('due strictly after this day (YYYY-MM-DD)'),
  actor: z
    .enum(TASK_ACTOR_FILTERS)
    .optional()
    .describe("whose wait: officer (an officer's default), participant, employer, any (an operator's default)"),
  limit,
  cursor,
});
export type TaskQuery = z.infer<typeof taskQuerySchema>;

export const stalledQuerySchema = z.object({
  kind: kindList.optional().describe(`a comma list of kinds: ${TASK_KINDS.join(', ')}`),
  province: province.optional(),
  limit,
  cursor,
});
export type StalledQuery = z.infer<typeof stalledQuerySchema>;

export const taskItemSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['open', 'done', 'cancelled']),
  actor: z.enum(['officer', 'participant', 'employer']),
  queue: z.string(),
  assignee: z.string().nullable().describe("the officer who owns the case, when one does (a principal's actor)"),
  provinceCode: z.string().nullable(),
  dueDate: z.string().nullable().describe('the last day of the wait (YYYY-MM-DD)'),
  overdue: z.boolean().describe('open and its due date is behind (today, Vietnam time)'),
  workingDaysLeft: z
    .number()
    .int()
    .nullable()
    .describe(
      'working days after today up to the due date; negative when overdue; null without a due date or once closed',
    ),
  escalated: z.boolean(),
  subject: z
    .object({
      claimId: z.string().optional(),
      taxCode: z.string().optional(),
      onboardingId: z.string().optional().describe('onboarding:<taxCode>, as GET /v1/onboardings/{id} names it'),
      bankLineId: z.number().int().optional(),
      employmentId: z.number().int().optional(),
      dataUpdateId: z.number().int().optional().describe('a data-update request (GET /v1/data-updates/{id})'),
    })
    .describe('what the task is about: ids only'),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type TaskItem = z.infer<typeof taskItemSchema>;

export const taskPageSchema = z.object({
  items: z.array(taskItemSchema),
  counts: z
    .array(z.object({ kind: z.string(), open: z.number().int(), overdue: z.number().int() }))
    .describe(
      'per kind, the open tasks of the whole filter (not the page) and how many of them are overdue; empty for done or cancelled',
    ),
  overdue: z.number().int().describe('how many tasks of the whole filter are overdue'),
  nextCursor: z.string().nullable(),
});
export type TaskPage = z.infer<typeof taskPageSchema>;
