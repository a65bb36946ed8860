import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';

/**
 * A context's background jobs as a module the worker (and the api when CADENZA_JOBS=inline) imports: the jobs' class
 * with what it needs, among it the context's own module built by the app without its controllers (bridges never
 * import a context's api library).
 */
export function backgroundJobsModule(module: Type, jobs: Type, imports: (Type | DynamicModule | ForwardReference)[], providers: Provider[] = []): DynamicModule {
  return { module, imports, providers: [jobs, ...providers], exports: [jobs] };
}
