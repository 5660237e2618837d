// Reads <dir>/<provider>/*.{yaml,yml,json}, validates each file against the provider's
// scenario schema and reports every problem with the file, the path inside it and the
// valid choices.
import { readdir, readFile } from 'node:fs/promises';
import { join, basename, extname } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseRange } from '../core/duration.js';
import type { FaultSettings, Scenario, ScenarioDelay, ScenarioStep } from './scenario-catalogue.js';
import { scenarioFileSchema } from './scenario-schema.js';

export interface ScenarioDialect {
  readonly id: string;
  readonly scenarioItemSchema: object;
  readonly scenarioExtraSchema?: Record<string, object>;
}

export class ScenarioLoadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid scenario files:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ScenarioLoadError';
  }
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

// A file validator depends only on the provider's static schemas, so it is compiled once per
// process (a third of a simulator's start-up time otherwise) and never changes afterwards.
const validators = new WeakMap<object, { id: string; extra: object | undefined; validate: ValidateFunction }>();
function validatorFor(dialect: ScenarioDialect): ValidateFunction {
  const cached = validators.get(dialect.scenarioItemSchema);
  if (cached && cached.id === dialect.id && cached.extra === dialect.scenarioExtraSchema) return cached.validate;
  // Our own schemas: no meta-schema validation (it would compile draft-07 each time).
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false });
  const validate = ajv.compile(scenarioFileSchema(dialect.id, dialect.scenarioItemSchema, dialect.scenarioExtraSchema));
  validators.set(dialect.scenarioItemSchema, { id: dialect.id, extra: dialect.scenarioExtraSchema, validate });
  return validate;
}

export async function loadScenarios(dir: string, dialects: readonly ScenarioDialect[]): Promise<Scenario[]> {
  const problems: string[] = [];
  const scenarios: Scenario[] = [];
  for (const dialect of dialects) {
    const validate = validatorFor(dialect);
    const folder = join(dir, dialect.id);
    let files: string[];
    try {
      files = (await readdir(folder)).filter((f) => EXTENSIONS.has(extname(f))).sort();
    } catch {
      problems.push(`${folder}: folder not found (SCENARIOS_DIR must contain ${dialects.map((d) => d.id).join('/ and ')}/)`);
      continue;
    }
    for (const file of files) {
      const path = join(folder, file);
      let doc: unknown;
      try {
        const text = await readFile(path, 'utf8');
        doc = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
      } catch (error) {
        problems.push(`${path}: cannot be parsed: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      if (!validate(doc)) {
        for (const error of simplify(validate.errors ?? [])) problems.push(`${path}: ${describe(error)}`);
        continue;
      }
      const result = toScenario(dialect.id, basename(file, extname(file)), path, doc as RawScenario);
      if (typeof result === 'string') problems.push(result);
      else scenarios.push(result);
    }
  }
  if (problems.length > 0) throw new ScenarioLoadError(problems);
  return scenarios;
}

interface RawScenario {
  description: string;
  timeline: { event: string; at?: string | { min: string; max: string }; data?: Record<string, unknown>; [key: string]: unknown }[];
  [section: string]: unknown;
}

function toScenario(provider: string, name: string, file: string, raw: RawScenario): Scenario | string {
  const timeline: ScenarioStep[] = [];
  for (const [index, item] of raw.timeline.entries()) {
    const at = toDelay(item.at ?? 'phase2');
    if (!at) return `${file}: /timeline/${index}/at: min must not exceed max`;
    const { event, at: _at, data, faults, ...params } = item;
    timeline.push({ event, at, data: data ?? {}, params, ...(faults ? { faults: faults as FaultSettings } : {}) });
  }
  const { version: _v, provider: _p, description, timeline: _t, faults, ...extra } = raw;
  return { name, provider, description, file, timeline, faults: (faults ?? {}) as FaultSettings, extra };
}

function toDelay(value: string | { min: string; max: string }): ScenarioDelay | undefined {
  if (typeof value === 'string') return value.trim() === 'phase2' ? 'phase2' : parseRange(value);
  const min = parseRange(value.min);
  const max = parseRange(value.max);
  return min && max && min.min <= max.max ? { min: min.min, max: max.max } : undefined;
}

// oneOf failures repeat every branch's errors; keep the most specific ones, and merge the
// branches' type errors for one value into one.
function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  const deepest = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  const merged: ErrorObject[] = [];
  for (const error of dedupe(deepest.length > 0 ? deepest : [...errors])) {
    const twin = error.keyword === 'type' && merged.find((m) => m.keyword === 'type' && m.instancePath === error.instancePath);
    if (twin) (twin.params as { type: string }).type += `, ${(error.params as { type: string }).type}`;
    else merged.push(error.keyword === 'type' ? { ...error, params: { ...error.params } } : error);
  }
  return merged;
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(error: ErrorObject): string {
  const path = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return `${path}: unknown key "${String(params.additionalProperty)}"; valid keys: ${allowed.join(', ')}`;
    }
    case 'enum':
      return `${path}: ${JSON.stringify(error.data)} is not allowed; valid choices: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${path}: ${JSON.stringify(error.data)} is not allowed; the only valid choice is ${JSON.stringify(params.allowedValue)}`;
    case 'required':
      return `${path}: missing required key "${String(params.missingProperty)}"`;
    case 'type':
      if (path.endsWith('/at')) return `${path}: ${JSON.stringify(error.data)} is not a delay; write it as a string: "phase2", "30s" or "1m-3m" (or {min, max})`;
      return `${path}: must be ${String(params.type).split(',').map((t) => t.trim()).join(' or ')}`;
    case 'pattern':
      return `${path}: ${JSON.stringify(error.data)} is not a delay; use "phase2", a duration like "30s" or a range like "1m-3m"`;
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}
