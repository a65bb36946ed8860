import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider, Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, type Routes } from '@angular/router';
import type { Session } from '@cadenza/shared/contracts';
import { API } from './api-paths';
import { AuthStore } from './auth-store';
import { FakeRealtime } from './fake-realtime';
import { RealtimeClient } from './realtime-client';

export interface BackendOptions {
  /** Signs in first, answering the login with this session. */
  session?: Session;
  /** The router's routes; none by default. */
  routes?: Routes;
  /** Whatever else the spec provides. */
  providers?: Provider[];
}

/** What a spec drives a component through: the fake HTTP backend and socket, the fixture and its element. */
export interface ComponentWithBackend<T> {
  http: HttpTestingController;
  realtime: FakeRealtime;
  fixture: ComponentFixture<T>;
  element: HTMLElement;
}

/**
 * Sets up the testing module for the services of a spec: the router, HttpClient answered by the spec
 * (`HttpTestingController`) and a `FakeRealtime` as the socket; signs in when given a session. Returns the backend.
 */
export function withBackend(options: BackendOptions = {}): Pick<ComponentWithBackend<never>, 'http' | 'realtime'> {
  const realtime = new FakeRealtime();
  TestBed.configureTestingModule({
    providers: [provideRouter(options.routes ?? []), provideHttpClient(), provideHttpClientTesting(), { provide: RealtimeClient, useValue: realtime }, ...(options.providers ?? [])],
  });
  const http = TestBed.inject(HttpTestingController);
  if (options.session) {
    TestBed.inject(AuthStore).login(options.session.me.email, 'pw').subscribe();
    http.expectOne(API.login).flush(options.session);
  }
  return { http, realtime };
}

/** `withBackend`, then creates the (standalone) component; the spec renders it when it is ready. */
export function componentWithBackend<T>(component: Type<T>, options: BackendOptions = {}): ComponentWithBackend<T> {
  TestBed.configureTestingModule({ imports: [component] });
  const backend = withBackend(options);
  const fixture = TestBed.createComponent(component);
  return { ...backend, fixture, element: fixture.nativeElement as HTMLElement };
}
