// POST /v2/identities/{identity}/send-input: the `inputs` JSON string describes each
// upload; files are matched to inputs by data.filename (reference §3, E2). Each input gets
// its own result; a malformed request as a whole gets a 400.
import type { Simulator } from '../../simulator.js';
import { invalidStructure, noInputStrategy, type MetamapError } from './errors.js';
import type { Flow } from './flows.js';
import { receiveInputs } from './initial-state.js';
import { storeMedia } from './media.js';
import type { MetamapSession } from './session-data.js';
import { ensureDocument } from './timeline.js';
import { DOCUMENT_TYPES, INPUT_TYPES, TWO_SIDED, type DocumentType, type InputType } from './vocabulary.js';

export interface UploadedFile {
  readonly field: string;
  readonly filename: string;
  readonly mimetype: string;
  readonly bytes: Buffer;
}

interface InputDescriptor {
  inputType: InputType;
  group?: number;
  data: { type?: string; country?: string; region?: string; page?: string; filename: string } & Record<string, unknown>;
}

export type InputResult =
  | { data: Record<string, unknown>; result: true }
  | { data: Record<string, unknown>; error: { type: 'ValidationError'; code: string; message: string } };

const PREFIX: Record<InputType, string> = {
  'document-photo': 'documentPhoto',
  'selfie-photo': 'selfiePhoto',
  'selfie-video': 'selfieVideo',
  'custom-document-photo': 'customDocumentPhoto',
};
const FORMATS: Record<InputType, RegExp> = {
  'document-photo': /\.(jpe?g|png)$/i,
  'selfie-photo': /\.(jpe?g|png)$/i,
  'selfie-video': /\.(mp4|webm|mov|3gp|mkv)$/i,
  'custom-document-photo': /\.(jpe?g|png|pdf)$/i,
};

/** Parses and checks the `inputs` part; a string error is the whole request's 400. */
export function parseInputs(raw: string | undefined, flow: Flow): InputDescriptor[] | MetamapError {
  if (raw === undefined) return invalidStructure('the inputs field is required');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return invalidStructure('inputs is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return invalidStructure('inputs must be a non-empty array');
  for (const item of parsed as Record<string, unknown>[]) {
    const data = item?.data as Record<string, unknown> | undefined;
    if (typeof item !== 'object' || item === null || typeof item.inputType !== 'string' || typeof data !== 'object' || data === null || typeof data.filename !== 'string') {
      return invalidStructure('each input needs inputType and data.filename');
    }
    const supported = flowInputTypes(flow);
    if (!(INPUT_TYPES as readonly string[]).includes(item.inputType) || !supported.includes(item.inputType as InputType)) {
      return noInputStrategy(item.inputType);
    }
  }
  return parsed as InputDescriptor[];
}

function flowInputTypes(flow: Flow): InputType[] {
  const types: InputType[] = flow.documents.length > 0 ? ['document-photo'] : [];
  if (flow.biometric !== 'none') types.push(flow.biometric);
  return types;
}

export interface AcceptOutcome {
  readonly results: InputResult[];
  /** Groups whose front arrived without a back: MetaMap waits 10 minutes for it. */
  readonly awaitingBack: number[];
}

/** `counts` false: the files are kept but the inputs stay incomplete (an abandoning customer). */
export function acceptInputs(sim: Simulator, session: MetamapSession, flow: Flow, inputs: InputDescriptor[], files: UploadedFile[], counts = true): AcceptOutcome {
  const awaitingBack = new Set<number>();
  const results = inputs.map((input): InputResult => {
    const echo = { inputType: input.inputType, ...input.data };
    const fail = (code: string, message: string): InputResult => ({
      data: echo,
      error: { type: 'ValidationError', code: `${PREFIX[input.inputType]}.${code}`, message },
    });
    const file = files.find((f) => f.filename === input.data.filename);
    if (!file) return fail('unexpectedData', `no uploaded file is named ${input.data.filename}`);
    if (!FORMATS[input.inputType].test(file.filename)) return fail('wrongFormat', `${file.filename} is not an accepted file format`);
    const token = storeMedia(sim, session, { contentType: file.mimetype, filename: file.filename, bytes: file.bytes });

    if (input.inputType === 'document-photo') {
      const group = input.group ?? 0;
      const accepted = flow.documents[group]?.types ?? [];
      const type = input.data.type as DocumentType;
      if (!flow.documents[group]) return fail('unexpectedData', `the flow has no document at group ${group}`);
      if (!(DOCUMENT_TYPES as readonly string[]).includes(type) || !accepted.includes(type)) {
        return fail('typeMismatch', `document type ${String(type)} is not accepted here; use ${accepted.join(', ')}`);
      }
      const doc = ensureDocument(session, group, flow);
      doc.type = type;
      doc.country = input.data.country ?? doc.country;
      doc.region = input.data.region ?? '';
      doc.pages.push(input.data.page ?? 'front');
      doc.photos.push(token);
      const complete = !TWO_SIDED.includes(type) || doc.pages.includes('multi') || (doc.pages.includes('front') && doc.pages.includes('back'));
      const slot = session.data.inputs.find((i) => i.id === 'document-photo' && i.group === group);
      if (!counts) return { data: echo, result: true };
      if (complete && slot) session.data.inputs = receiveInputs(session.data.inputs, (i) => i === slot);
      else awaitingBack.add(group);
    } else {
      const slot = session.data.inputs.find((i) => i.id === input.inputType);
      if (slot && counts) session.data.inputs = receiveInputs(session.data.inputs, (i) => i === slot);
      session.data.uploads = { ...session.data.uploads, [input.inputType]: token };
    }
    return { data: echo, result: true };
  });
  return { results, awaitingBack: [...awaitingBack] };
}

export function allInputsIn(session: MetamapSession): boolean {
  return session.data.inputs.every((i) => i.status === 200 || i.optional === true);
}
