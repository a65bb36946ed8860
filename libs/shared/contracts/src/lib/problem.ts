import { z } from 'zod';

/** RFC 9457 problem details, as every error of the REST API and the socket is shaped. */
export interface ProblemDetails {
  /** A URI naming the problem type, e.g. `https://cadenza.school/problems/identity.email-taken`. */
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The namespaced domain code, e.g. `IDENTITY.EMAIL_TAKEN`. */
  code: string;
  /** For validation problems: each offending field and what is wrong with it. */
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The schema of `ProblemDetails`, as the API's description shows every error answer. */
export const ProblemDetailsSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the problem type.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('The namespaced domain code, e.g. `IDENTITY.EMAIL_TAKEN`.'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('For validation problems: each offending field and what is wrong with it.'),
  })
  .meta({ id: 'ProblemDetails' });
