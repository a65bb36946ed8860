import { RequestContext, type EntityManager } from '@mikro-orm/postgresql';

/**
 * Tenancy: every school-owned entity declares the `tenant` filter (through
 * `schoolOwned()`), which MikroORM adds to every read, update and delete of it.
 * The request's school is set once, when the caller is authenticated; a query
 * made without a school fails loudly instead of reading across schools. Code that
 * must cross schools (sign-in by email, links from mail, the operator's CLI) says
 * so with `ACROSS_SCHOOLS` on that one query.
 */
export const TENANT_FILTER = 'tenant';

export interface TenantParams {
  schoolId: string;
}

export function schoolOwned() {
  return {
    [TENANT_FILTER]: {
      name: TENANT_FILTER,
      cond: (args: TenantParams) => {
        if (!args?.schoolId) {
          throw new Error('A school-owned entity was queried without a school (tenant) in context.');
        }
        return { schoolId: args.schoolId };
      },
      default: true,
    },
  };
}

/** Query options that lift the tenant filter for one query. */
export const ACROSS_SCHOOLS = { filters: { [TENANT_FILTER]: false } } as const;

export function enterSchool(em: EntityManager, schoolId: string): void {
  em.setFilterParams(TENANT_FILTER, { schoolId } satisfies TenantParams);
}

/** The school in force for this request or unit of work; throws when there is none. */
export function currentSchool(em: EntityManager): string {
  const params = em.getFilterParams<TenantParams>(TENANT_FILTER);
  if (!params?.schoolId) {
    throw new Error('No school (tenant) in context for a school-scoped query.');
  }
  return params.schoolId;
}

/** Runs background work (a cron job, a queue handler) in its own persistence context, never the global one. */
export function inOwnContext<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  return RequestContext.create(em, work);
}
