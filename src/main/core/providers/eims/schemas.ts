import { z } from 'zod';

/** EIMS reply shapes. Every reply has an integer `status` (0 = success); numbers may arrive as strings. */

const intLike = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
const amount = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const cellValue = z.union([z.string(), z.number()]);

export const statusReply = z.object({ status: intLike });

export const balanceReply = z.object({
  status: intLike,
  balance: amount,
  gift: amount.optional(),
});

export const sendReply = z.object({
  status: intLike,
  success: intLike.optional(),
  fail: intLike.optional(),
  array: z.array(z.array(cellValue)).optional().default([]),
});

export const reportReply = z.object({
  status: intLike,
  success: intLike.optional(),
  fail: intLike.optional(),
  unsent: intLike.optional(),
  sending: intLike.optional(),
  nofound: intLike.optional(),
  array: z.array(z.unknown()).optional().default([]),
});

export const inboundReply = z.object({
  status: intLike,
  cnt: intLike.optional(),
  array: z.array(z.unknown()).optional().default([]),
});

export const jobReply = z
  .object({
    status: intLike,
    jobid: cellValue.optional(),
    Jobid: cellValue.optional(),
    jobId: cellValue.optional(),
  })
  .transform((r) => ({ status: r.status, jobId: r.jobid ?? r.Jobid ?? r.jobId }));

/** A pushed report: HTTP PUT, `{type:"report", cnt, array:[[id, number, time, result, cause], ...]}`. */
export const pushBody = z.object({
  type: z.string().optional(),
  cnt: intLike.optional(),
  array: z.array(z.unknown()),
});
