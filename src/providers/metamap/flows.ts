// MetaMap flows ("metamaps"): which documents and biometrics a verification needs and
// which steps run. The default flow uses the flowId of MetaMap's own docs sample.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { DOCUMENT_STEPS, DOCUMENT_TYPES, VERIFICATION_STEPS, type DocumentType, type StepId } from './vocabulary.js';

export interface FlowDocument {
  readonly types: readonly DocumentType[];
  readonly steps: readonly StepId[];
}

export interface Flow {
  readonly id: string;
  readonly name: string;
  readonly documents: readonly FlowDocument[];
  readonly biometric: 'selfie-video' | 'selfie-photo' | 'none';
  readonly steps: readonly StepId[];
  readonly facematchThreshold: number;
  readonly ageThreshold: number;
}

export const DEFAULT_FLOW: Flow = {
  id: '60b8fd58a87c30001b14dedd',
  name: 'kyc-sim default flow',
  documents: [
    {
      types: ['national-id', 'passport', 'driving-license'],
      steps: ['document-reading', 'template-matching', 'alteration-detection', 'watchlists', 'facematch', 'age-check'],
    },
  ],
  biometric: 'selfie-video',
  steps: ['liveness', 'ip-validation'],
  facematchThreshold: 70,
  ageThreshold: 18,
};

const flowSchema = {
  type: 'object',
  required: ['flows'],
  additionalProperties: false,
  properties: {
    flows: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'name'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[0-9a-f]{24}$' },
          name: { type: 'string', minLength: 1 },
          documents: {
            type: 'array',
            items: {
              type: 'object',
              required: ['types'],
              additionalProperties: false,
              properties: {
                types: { type: 'array', minItems: 1, items: { enum: [...DOCUMENT_TYPES] } },
                steps: { type: 'array', items: { enum: [...DOCUMENT_STEPS] } },
              },
            },
          },
          biometric: { enum: ['selfie-video', 'selfie-photo', 'none'] },
          steps: { type: 'array', items: { enum: [...VERIFICATION_STEPS] } },
          facematchThreshold: { type: 'number', minimum: 40, maximum: 100 },
          ageThreshold: { type: 'integer', minimum: 1, maximum: 99 },
        },
      },
    },
  },
} as const;

export class FlowsError extends Error {}

/** Reads METAMAP_FLOWS (JSON or YAML), filling each flow's unset fields from the default. */
export function loadFlows(file: string | undefined): Flow[] {
  if (file === undefined) return [DEFAULT_FLOW];
  let doc: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    doc = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new FlowsError(`METAMAP_FLOWS: cannot read ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const validate = new Ajv({ allErrors: true, strict: false }).compile(flowSchema);
  if (!validate(doc)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''}`);
    throw new FlowsError(`METAMAP_FLOWS: ${file} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return (doc as { flows: Partial<Flow>[] }).flows.map((flow) => ({ ...DEFAULT_FLOW, ...flow }) as Flow);
}
