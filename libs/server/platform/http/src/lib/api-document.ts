import type { INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common/enums/request-method.enum.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsSchema } from '@cadenza/shared/contracts';
import { DomainError, type ErrorKind } from '@cadenza/shared/kernel';
import { ACCESS_METADATA, type AccessRule } from './access.js';
import { ENDPOINT_METADATA, type EndpointSpec, type NonJsonAnswer } from './endpoint.js';
import { toProblem } from './problem-details.filter.js';
import { ZodPipe } from './zod-body.js';

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown> & { operationId?: string; parameters?: unknown[]; responses?: Record<string, unknown> };

/** One route handler as Nest registered it, with everything its description is made from. */
export interface DescribedRoute {
  operationId: string;
  route: string;
  access: AccessRule | undefined;
  endpoint: EndpointSpec | undefined;
  body: z.ZodType | undefined;
  query: z.ZodType | undefined;
  params: z.ZodType | undefined;
  httpCode: number | undefined;
  method: RequestMethod;
}

export const BEARER_SCHEME = 'bearer';

/** Every route handler of the application's controllers, with its metadata. */
export function describedRoutes(app: INestApplication): DescribedRoute[] {
  const scanner = new MetadataScanner();
  const routes: DescribedRoute[] = [];
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    const type = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!type) continue;
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, { pipes?: unknown[] }>;
      const schemaOf = (paramtype: RouteParamtypes) =>
        Object.entries(args)
          .filter(([key]) => Number(key.split(':')[0]) === paramtype)
          .flatMap(([, arg]) => arg.pipes ?? [])
          .find((pipe): pipe is ZodPipe<z.ZodType> => pipe instanceof ZodPipe)?.schema;
      routes.push({
        operationId: `${type.name}_${name}`,
        route: `${RequestMethod[method]} ${String(Reflect.getMetadata(PATH_METADATA, type))}/${path} (${type.name}.${name})`,
        access: (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, type)) as AccessRule | undefined,
        endpoint: Reflect.getMetadata(ENDPOINT_METADATA, handler) as EndpointSpec | undefined,
        body: schemaOf(RouteParamtypes.BODY),
        query: schemaOf(RouteParamtypes.QUERY),
        params: schemaOf(RouteParamtypes.PARAM),
        httpCode: Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined,
        method,
      });
    }
  }
  return routes;
}

/**
 * The API's OpenAPI 3.1 description, made from the running application: Nest gives the paths and
 * tags; each operation's parameters and body come from the same zod schemas its pipes validate
 * with, its answers from its `@Endpoint`, its security and 401/403 from the access rule the guard
 * reads. Nothing is written twice, so the description cannot drift from what the API does.
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Cadenza API')
      .setDescription(
        'Scheduling, messaging and notifications for music and tutoring schools. Sign in with `POST /api/v1/auth/login`, then ' +
          'send the access token as `Authorization: Bearer …` (the Authorize button here). Errors are RFC 9457 problem details ' +
          '(`application/problem+json`); validation problems name each field in `errors`. Each operation says who may call it ' +
          '(`x-access`), as the server enforces it.',
      )
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      .addServer('/', 'This server')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The `accessToken` that sign-in and refresh answer.' }, BEARER_SCHEME)
      .build(),
  );
  const components: Record<string, JsonSchema> = {};
  const operations = new Map<string, Operation>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (operation && typeof operation === 'object' && operation.operationId) operations.set(operation.operationId, operation);
    }
  }
  const schema = (zod: z.ZodType, io: 'input' | 'output') => toComponentSchema(zod, io, components);
  for (const route of describedRoutes(app)) {
    const operation = operations.get(route.operationId);
    if (!operation || !route.endpoint) continue;
    describeOperation(operation, route, route.endpoint, schema);
  }
  // Registered with an id, the problem schema lands in the components, where every error answer refers to it.
  schema(ProblemDetailsSchema, 'output');
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(components as NonNullable<OpenAPIObject['components']>['schemas']) } };
  const tags = new Set(Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, { tags?: string[] }>).flatMap((op) => op.tags ?? [])));
  document.tags = [...tags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `The ${name} operations.` }));
  return document;
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: 'Signing in and out, refreshing a session, resetting a password.',
  health: 'Liveness and readiness probes.',
  metrics: 'Prometheus metrics.',
};

function describeOperation(operation: Operation, route: DescribedRoute, spec: EndpointSpec, schema: (zod: z.ZodType, io: 'input' | 'output') => JsonSchema): void {
  operation['summary'] = spec.summary;
  const access = route.access;
  const accessText =
    access?.kind === 'roles' ? `**Who may call it:** ${access.roles.join(', ')}${access.owner ? ` (${access.owner})` : ''}.` : access ? `**Public:** ${access.why}` : '';
  operation['description'] = [spec.description, accessText].filter(Boolean).join('\n\n');
  if (access?.kind === 'roles') {
    operation['security'] = [{ [BEARER_SCHEME]: [] }];
    operation['x-access'] = { roles: [...access.roles], ...(access.owner ? { owner: access.owner } : {}) };
  } else if (access) {
    operation['security'] = [];
    operation['x-access'] = { public: true, why: access.why };
  }

  operation['parameters'] = [...parametersOf(route.params, 'path', schema), ...parametersOf(route.query, 'query', schema)];
  delete operation['requestBody'];
  const body = route.body ?? spec.body;
  if (body && 'multipartFile' in body) {
    operation['requestBody'] = {
      required: true,
      content: { 'multipart/form-data': { schema: { type: 'object', required: [body.multipartFile], properties: { [body.multipartFile]: { type: 'string', format: 'binary' } } } } },
    };
  } else if (body) {
    operation['requestBody'] = { required: true, content: { 'application/json': { schema: schema(body, 'input') } } };
  }

  const status = spec.status ?? route.httpCode ?? (route.method === RequestMethod.POST ? 201 : 200);
  const responses: Record<string, unknown> = { [String(status)]: successAnswer(spec, schema) };
  const problems: { status: number; when: string; example: DomainError }[] = [];
  if (body || route.query || route.params) {
    problems.push({ status: 400, when: 'The request does not match its schema; `errors` names each field.', example: validationExample(body, route.query, route.params) });
  }
  if (access?.kind === 'roles') {
    problems.push({ status: 401, when: 'Not signed in, or the access token expired or was revoked.', example: new DomainError('ACCESS.UNAUTHENTICATED', 'unauthenticated', 'Sign in to continue.') });
    problems.push({
      status: 403,
      when: `Only for: ${access.roles.join(', ')}${access.owner ? ` (${access.owner})` : ''}.`,
      example: new DomainError('ACCESS.FORBIDDEN', 'forbidden', 'You do not have permission to do this.'),
    });
  }
  if (route.params) {
    problems.push({ status: 404, when: 'Nothing by that id in your school.', example: new DomainError('HTTP.NOT_FOUND', 'not_found', 'Not found.') });
  }
  for (const problem of spec.problems ?? []) {
    problems.push({ status: problem.status, when: problem.when, example: new DomainError(problem.code, KIND_OF_STATUS[problem.status] ?? 'invalid', problem.when) });
  }
  for (const status of [...new Set(problems.map((p) => p.status))]) {
    const these = problems.filter((p) => p.status === status);
    responses[String(status)] = {
      description: these.map((p) => p.when).join(' '),
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: { $ref: '#/components/schemas/ProblemDetails' },
          examples: Object.fromEntries(these.map((p) => [p.example.code, { summary: p.when, value: { ...toProblem(p.example), status } }])),
        },
      },
      ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } } } : {}),
    };
  }
  operation['responses'] = responses;
}

const KIND_OF_STATUS: Record<number, ErrorKind> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  413: 'invalid',
  415: 'invalid',
  422: 'invalid',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  429: 'rate_limited',
  503: 'unavailable',
};

function successAnswer(spec: EndpointSpec, schema: (zod: z.ZodType, io: 'input' | 'output') => JsonSchema): Record<string, unknown> {
  const answer = spec.response;
  if (answer === null) return { description: 'Done; no body.' };
  if (isNonJson(answer)) return { description: answer.description, content: { [answer.contentType]: { schema: { type: 'string', format: 'binary' } } } };
  return {
    description: 'OK',
    content: { 'application/json': { schema: schema(answer, 'output'), ...(spec.example !== undefined ? { example: spec.example } : {}) } },
  };
}

function isNonJson(answer: z.ZodType | NonJsonAnswer): answer is NonJsonAnswer {
  return typeof (answer as NonJsonAnswer).contentType === 'string';
}

/** Each field of an object schema (a query or the path) as one OpenAPI parameter. */
function parametersOf(zod: z.ZodType | undefined, where: 'path' | 'query', schema: (zod: z.ZodType, io: 'input' | 'output') => JsonSchema): unknown[] {
  if (!zod) return [];
  const json = schema(zod, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

/** A 400 as the pipes answer it, naming the first field of the request's schemas. */
function validationExample(...schemas: (z.ZodType | { multipartFile: string } | undefined)[]): DomainError {
  let field = '(body)';
  for (const candidate of schemas) {
    if (!candidate) continue;
    if ('multipartFile' in candidate) {
      field = candidate.multipartFile;
      break;
    }
    const shape = (candidate as { shape?: Record<string, unknown> }).shape;
    const first = shape ? Object.keys(shape)[0] : undefined;
    if (first) {
      field = first;
      break;
    }
  }
  return new DomainError('VALIDATION.INVALID', 'invalid', `Check ${field}.`, { fields: [{ field, message: 'Required.' }] });
}

/**
 * A zod schema as JSON Schema for the document: schemas registered with an id (the answers in
 * `contracts`) become components, referred to by `$ref`.
 */
function toComponentSchema(zod: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(zod, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = json;
  for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    components[id] = rewriteRefs(def) as JsonSchema;
  }
  return rewriteRefs(rest) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' ? item.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(item)]),
  );
}
