// `node docker/validate.js [env-file]`: checks docker/ without a Docker engine (the compose plugin is the real
// check: `docker compose -f docker/compose.yml config`). Exit 1 with the list of problems, 0 when all is well.
//   - compose.yml parses (YAML) and interpolates like compose: ${VAR}, ${VAR:-default}, ${VAR-default},
//     ${VAR:?message}, ${VAR?message}, nesting, $$ escapes; values from the env file and then the process env
//   - services referenced by depends_on exist, with valid conditions; build targets are stages of api.Dockerfile;
//     COPY docker/… sources exist
//   - the app environment only has variables config.ts knows, and the api's parseEnvironment (from dist/server)
//     accepts it as a production configuration
//   - docker/README.md documents every variable of config.ts
//   - nginx.conf braces balance and its include matches where the Dockerfile installs the file
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const problems = [];
const notes = [];

// ---- the values compose would see ------------------------------------------------------------------------
const envFile = process.argv[2] ?? (existsSync(join(here, '.env')) ? join(here, '.env') : join(here, '.env.example'));
const fileValues = Object.fromEntries(
  readFileSync(envFile, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && l.includes('='))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^(['"])(.*)\1$/, '$2')]),
);
const values = { ...fileValues, ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k in fileValues || /^(POSTGRES_|CADENZA_|AUTH_|SMTP_|PUBLIC_|DATABASE_|REDIS_|MINIO_|S3_)/.test(k))) };
if (envFile.endsWith('.env.example')) {
  // The example leaves secrets empty: fill in dummies so the rest can be checked.
  const dummies = { AUTH_SECRET: 'x'.repeat(48), SMTP_URL: 'smtp://mail.example.org:587', POSTGRES_PASSWORD: 'example-password', MINIO_ROOT_PASSWORD: 'example-password' };
  for (const [k, v] of Object.entries(dummies)) if (!values[k]) values[k] = v;
  notes.push(`values: ${envFile} with dummy AUTH_SECRET, SMTP_URL, POSTGRES_PASSWORD, MINIO_ROOT_PASSWORD`);
} else {
  notes.push(`values: ${envFile}`);
}

/** Compose-style interpolation of one string. */
function interpolate(text, where) {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '$') {
      out += text[i++];
      continue;
    }
    if (text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (text[i + 1] !== '{') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
      if (!m) {
        out += text[i++];
        continue;
      }
      out += values[m[1]] ?? '';
      i += m[0].length;
      continue;
    }
    // ${…} with nesting: find the matching brace.
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) break;
    }
    if (j >= text.length) {
      problems.push(`${where}: unclosed \${ in ${JSON.stringify(text)}`);
      return out;
    }
    const body = text.slice(i + 2, j);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
    if (!m) {
      problems.push(`${where}: bad substitution \${${body}}`);
      i = j + 1;
      continue;
    }
    const [, name, op, arg = ''] = m;
    const value = values[name];
    const unsetOrEmpty = value === undefined || value === '';
    const missing = op?.startsWith(':') ? unsetOrEmpty : value === undefined;
    if (!op) out += value ?? '';
    else if (op.endsWith('-')) out += missing ? interpolate(arg, where) : value;
    else if (op.endsWith('+')) out += missing ? '' : interpolate(arg, where);
    else if (op.endsWith('?')) {
      if (missing) problems.push(`${where}: required variable ${name} is missing: ${interpolate(arg, where)}`);
      out += value ?? '';
    }
    i = j + 1;
  }
  return out;
}

function interpolateAll(node, path) {
  if (typeof node === 'string') return interpolate(node, path);
  if (Array.isArray(node)) return node.map((v, k) => interpolateAll(v, `${path}[${k}]`));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateAll(v, `${path}.${k}`)]));
  return node;
}

// ---- compose.yml --------------------------------------------------------------------------------------------
const composeText = readFileSync(join(here, 'compose.yml'), 'utf8');
let compose;
try {
  compose = interpolateAll(parse(composeText, { merge: true }), 'compose');
} catch (error) {
  problems.push(`compose.yml does not parse: ${error.message}`);
}

const dockerfile = readFileSync(join(here, 'api.Dockerfile'), 'utf8');
const stages = new Set([...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]));
for (const m of dockerfile.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(docker\/\S+)/gim)) {
  if (!existsSync(join(root, m[1]))) problems.push(`api.Dockerfile copies ${m[1]}, which does not exist`);
}

if (compose) {
  const services = compose.services ?? {};
  const names = Object.keys(services);
  notes.push(`services: ${names.join(', ')}`);
  for (const required of ['postgres', 'redis', 'migrate', 'api', 'web']) {
    if (!services[required]) problems.push(`compose: service ${required} is missing`);
  }
  for (const [name, service] of Object.entries(services)) {
    if (!service.image && !service.build) problems.push(`${name}: neither image nor build`);
    if (service.build) {
      const file = join(here, service.build.context ?? '.', service.build.dockerfile ?? 'Dockerfile');
      if (!existsSync(file)) problems.push(`${name}: build file ${file} not found`);
      if (service.build.target && !stages.has(service.build.target)) problems.push(`${name}: build target ${service.build.target} is not a stage of api.Dockerfile (${[...stages].join(', ')})`);
    }
    const deps = Array.isArray(service.depends_on) ? Object.fromEntries(service.depends_on.map((d) => [d, {}])) : (service.depends_on ?? {});
    for (const [dep, spec] of Object.entries(deps)) {
      if (!services[dep]) problems.push(`${name}: depends_on ${dep}, which is not a service`);
      const condition = spec?.condition ?? 'service_started';
      if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)) problems.push(`${name}: depends_on ${dep} with unknown condition ${condition}`);
      if (condition === 'service_healthy' && services[dep] && !services[dep].healthcheck && !services[dep].build && dep !== 'api') {
        problems.push(`${name}: waits for ${dep} to be healthy, but ${dep} has no healthcheck`);
      }
    }
    for (const v of Object.values(service.volumes ?? [])) {
      const source = typeof v === 'string' ? v.split(':')[0] : v.source;
      if (source && !source.startsWith('.') && !source.startsWith('/') && !(compose.volumes && source in compose.volumes)) problems.push(`${name}: volume ${source} is not declared`);
    }
  }
  if (services.api?.depends_on?.migrate?.condition !== 'service_completed_successfully') problems.push('api must wait for migrate with condition service_completed_successfully');
  if (!String(services.migrate?.command ?? '').includes('migrate.js')) problems.push('migrate: its command should run dist/server/apps/api/src/migrate.js');

  // The app environment against the api's own configuration parser.
  const configPath = join(root, 'dist/server/libs/server/platform/config/src/index.js');
  const appEnv = services.api?.environment ?? {};
  if (existsSync(configPath)) {
    const { environmentSchema, parseEnvironment } = await import(configPath);
    const known = new Set(Object.keys(environmentSchema.shape));
    for (const key of Object.keys(appEnv)) if (!known.has(key)) problems.push(`api environment: ${key} is not a variable of config.ts`);
    try {
      const parsed = parseEnvironment(Object.fromEntries(Object.entries(appEnv).map(([k, v]) => [k, String(v)])));
      notes.push(`parseEnvironment accepts the api environment (NODE_ENV=${parsed.NODE_ENV}, DATABASE_URL host ${new URL(parsed.DATABASE_URL).host})`);
    } catch (error) {
      problems.push(`api environment rejected by parseEnvironment: ${error.message}`);
    }
    const readme = readFileSync(join(here, 'README.md'), 'utf8');
    for (const key of known) if (!readme.includes(`\`${key}\``)) problems.push(`README.md does not document ${key}`);
  } else {
    notes.push('dist/server not built: skipped the check against config.ts (build the api first)');
  }
}

// ---- nginx --------------------------------------------------------------------------------------------------
const nginx = readFileSync(join(here, 'nginx.conf'), 'utf8').replace(/#.*$/gm, '').replace(/"[^"]*"|'[^']*'/g, '""');
let depth = 0;
for (const ch of nginx) {
  if (ch === '{') depth++;
  if (ch === '}' && --depth < 0) break;
}
if (depth !== 0) problems.push('nginx.conf: unbalanced braces');
for (const m of nginx.matchAll(/include\s+(\S+);/g)) {
  const installed = [...dockerfile.matchAll(/^COPY\s+docker\/\S+\s+(\S+)/gm)].map((c) => c[1]);
  if (!m[1].startsWith('/etc/nginx/mime') && !installed.includes(m[1])) problems.push(`nginx.conf includes ${m[1]}, which the Dockerfile does not install`);
}
for (const path of ['/api/', '/health/', '= /metrics', '/ws', '/console/']) {
  if (!new RegExp(`location\\s+${path.replace(/[/=]/g, (c) => `\\${c}`).replace(' ', '\\s+')}\\s*\\{`).test(nginx)) problems.push(`nginx.conf: no location ${path}`);
}

const unique = [...new Set(problems)];
problems.length = 0;
problems.push(...unique);
for (const n of notes) process.stdout.write(`  ${n}\n`);
if (problems.length > 0) {
  process.stdout.write(`docker/ has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('docker/: compose.yml, api.Dockerfile and nginx.conf check out.\n');
