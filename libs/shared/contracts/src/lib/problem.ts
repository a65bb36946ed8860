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
