import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is asking, as the access guard established it. */
export interface Principal {
  userId: string;
  schoolId: string;
  roles: string[];
  safeguardingLead: boolean;
  sessionId: string;
}

/** What the platform knows about the request being served, for logs and the audit trail. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  principal: Principal | null;
}

const storage = new AsyncLocalStorage<RequestMeta>();

export const RequestContext = {
  run<T>(meta: RequestMeta, fn: () => T): T {
    return storage.run(meta, fn);
  },
  current(): RequestMeta | undefined {
    return storage.getStore();
  },
};
