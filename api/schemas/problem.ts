/** RFC 9457 problem details, the shape of every API error (api/middleware/problem.ts writes them). */
import { z } from '@hono/zod-openapi';

export const ProblemSchema = z.object({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
}).loose().openapi('Problem', { description: 'RFC 9457 problem details; extension members name what was wrong' });
export type Problem = z.infer<typeof ProblemSchema>;
