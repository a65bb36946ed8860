import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const ENDPOINT_METADATA = 'cadenza:endpoint';

/** The error statuses an operation may declare beyond those its description derives by itself. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

export interface EndpointProblem {
  status: ProblemStatus;
  code: string;
  when: string;
}

/** A success answer that is not JSON: a file, a PDF, a calendar, metrics text. */
export interface NonJsonAnswer {
  contentType: string;
  description: string;
}

/**
 * What the API's description says about one handler, beside what it reads from the handler itself:
 * the request's body, query and path come from the `validate(...)` pipes on its parameters, who may
 * call it from its `@Access`/`@Public` rule, and the usual problems (400 for any validated input,
 * 401 and 403 for a role rule, 404 for a path naming a record) from both.
 */
export interface EndpointSpec {
  summary: string;
  description?: string;
  /** The success answer's body: a schema from `contracts`, `null` for an empty answer, or a non-JSON body. */
  response: z.ZodType | null | NonJsonAnswer;
  /** The success status, when neither `@HttpCode` nor the method's default (201 for POST, 200 otherwise) says it. */
  status?: number;
  /** The body, for the few handlers whose body no pipe validates: sign-in (read by its guard) and uploads. */
  body?: z.ZodType | { multipartFile: string };
  /** Problems this operation answers beyond the derived ones: the status, the domain code and when. */
  problems?: readonly EndpointProblem[];
  /** An example of the success answer. */
  example?: unknown;
}

/**
 * Describes a handler for the API's description (`buildApiDocument`). Every handler carries one: a
 * test enumerates the registered routes and fails on any without it.
 */
export function Endpoint(spec: EndpointSpec): MethodDecorator {
  return SetMetadata(ENDPOINT_METADATA, spec);
}
