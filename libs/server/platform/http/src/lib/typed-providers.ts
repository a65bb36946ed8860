import type { InjectionToken, Provider } from '@nestjs/common';

/** A DI token standing for a value of type `T`: a port's abstract class, a use case's class, a config slice's class. */
export type Token<T> = abstract new (...args: never[]) => T;

/** One token per constructor parameter, in order, each standing for that parameter's type. */
export type TokensFor<A extends readonly unknown[]> = { [I in keyof A]: Token<A[I]> };

/** One token per property of `P`, each standing for that property's type. */
export type TokenRecord<P> = { [K in keyof P]-?: Token<P[K]> };

/**
 * Provides `type`, built from what `inject` lists, in its constructor's order. The list is checked
 * against the constructor's parameters: a missing, extra or swapped token does not compile.
 */
export function build<C extends new (...args: never[]) => object>(type: C, inject: TokensFor<ConstructorParameters<C>>): Provider {
  return { provide: type, useFactory: (...deps: never[]) => new type(...deps), inject: [...(inject as readonly InjectionToken[])] };
}

/**
 * Provides `type` from a factory over the listed tokens, for a class that also takes plain values
 * (a config slice's numbers): the factory's parameters are typed from the tokens, in order.
 */
export function buildWith<T extends object, A extends readonly unknown[]>(type: Token<T>, inject: TokensFor<A>, create: (...deps: A) => T): Provider {
  return { provide: type, useFactory: (...deps: unknown[]) => create(...(deps as unknown as A)), inject: [...(inject as readonly InjectionToken[])] };
}

/**
 * Providers for a context's use cases, all built by one pure factory (the same one its specs use)
 * from an object of ports. Each port is injected by the token `ports` names for it, checked against
 * the factory's parameter; the factory runs once; each use case is then provided under the class
 * `types` names for it, checked against what the factory returns. `exports` lists those classes.
 */
export function useCaseProviders<P, U>(options: {
  name: string;
  ports: NoInfer<TokenRecord<P>>;
  create: (ports: P) => U;
  types: NoInfer<TokenRecord<U>>;
}): { providers: Provider[]; exports: InjectionToken[] } {
  const all = Symbol(options.name);
  const keys = Object.keys(options.ports) as (keyof P)[];
  const whole: Provider = {
    provide: all,
    useFactory: (...deps: unknown[]) => options.create(Object.fromEntries(keys.map((key, i) => [key, deps[i]])) as P),
    inject: keys.map((key) => options.ports[key] as InjectionToken),
  };
  const each = (Object.keys(options.types) as (keyof U)[]).map(
    (key): Provider => ({ provide: options.types[key] as InjectionToken, useFactory: (useCases: U) => useCases[key], inject: [all] }),
  );
  return { providers: [whole, ...each], exports: each.map((p) => (p as { provide: InjectionToken }).provide) };
}
