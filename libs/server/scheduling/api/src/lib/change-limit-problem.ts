import type { EndpointProblem } from '@cadenza/server/platform/http';

/** The refusal of a lesson change or request decision past the person's `CHANGES_PER_PERSON`, as the API description names it. */
export const TOO_MANY_CHANGES: EndpointProblem = {
  status: 429,
  code: 'SCHEDULING.TOO_MANY_CHANGES',
  when: 'More than 60 lesson moves, cancellations and request decisions at once by one person, then more than one every 10 seconds; wait `Retry-After` seconds.',
};

/** The refusal of a lesson request past the person's `REQUESTS_PER_PERSON`. */
export const TOO_MANY_REQUESTS: EndpointProblem = {
  status: 429,
  code: 'SCHEDULING.TOO_MANY_REQUESTS',
  when: 'More than 8 requests at once by one person, then more than one every 2 minutes; wait `Retry-After` seconds.',
};
