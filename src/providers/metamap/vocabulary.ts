// MetaMap's own words (reference/metamap-api.md §5, §7).
export const PROVIDER_ID = 'metamap';

export const EVENTS = {
  started: 'verification_started',
  stepCompleted: 'step_completed',
  inputsCompleted: 'verification_inputs_completed',
  completed: 'verification_completed',
  updated: 'verification_updated',
  expired: 'verification_expired',
} as const;

export const FINAL_STATUSES = ['verified', 'reviewNeeded', 'rejected'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

/** Every value PUT /status accepts in its enum (D-status); only final ones are valid moves. */
export const STATUS_ENUM = ['deleted', 'pending', 'rejected', 'reviewNeeded', 'reviewRunning', 'running', 'postponed', 'verified'] as const;
export type IdentityStatus = (typeof STATUS_ENUM)[number];

export const DOCUMENT_STEPS = [
  'document-reading',
  'template-matching',
  'alteration-detection',
  'facematch',
  'watchlists',
  'age-check',
  'premium-aml-watchlists-search-validation',
] as const;
export const VERIFICATION_STEPS = ['liveness', 'selfie', 'voice', 'ip-validation'] as const;
/** The step a re-verification (E1 with `identityId`) starts with; never part of a flow's configuration. */
export const REVERIFICATION_STEP = 're-facematch';
export const STEP_IDS = [...DOCUMENT_STEPS, ...VERIFICATION_STEPS, REVERIFICATION_STEP] as const;
export type StepId = (typeof STEP_IDS)[number];

export const DOCUMENT_TYPES = ['national-id', 'passport', 'driving-license', 'proof-of-residency'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** Documents that may have a back side; MetaMap waits 10 minutes for it (D-send). */
export const TWO_SIDED: readonly string[] = ['national-id', 'driving-license'];

export const INPUT_TYPES = ['document-photo', 'selfie-photo', 'selfie-video', 'custom-document-photo'] as const;
export type InputType = (typeof INPUT_TYPES)[number];
/** The multipart field each input's file arrives in (OAS curl samples). */
export const FILE_FIELDS: Record<InputType, string> = {
  'document-photo': 'document',
  'selfie-photo': 'selfie',
  'selfie-video': 'video',
  'custom-document-photo': 'custom-document',
};
