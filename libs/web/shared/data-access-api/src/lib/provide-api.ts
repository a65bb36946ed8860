import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import type { EnvironmentProviders } from '@angular/core';
import { authInterceptor } from './auth-interceptor';

/** HttpClient with the session interceptor, for an app's config. */
export function provideCadenzaApi(): EnvironmentProviders {
  return provideHttpClient(withFetch(), withInterceptors([authInterceptor]));
}
