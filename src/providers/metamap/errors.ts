// MetaMap's error bodies (reference/metamap-api.md §2.1, §3).
export interface MetamapError {
  code: number;
  message: string;
  name?: string;
  status?: number;
  statusCode?: number;
  type?: string;
  data?: object;
}

export const invalidClient = (status: 400 | 401, message: string): MetamapError => ({
  code: status,
  message,
  name: 'invalid_client',
  status,
  statusCode: status,
});

export const MESSAGES = {
  cannotRetrieveCredentials: 'Invalid client: cannot retrieve client credentials',
  clientInvalid: 'Invalid client: client is invalid',
  grantType: 'Invalid client: grant_type must be client_credentials',
  invalidStructure: 'Invalid structure of request body',
  notFound: 'Verification not found',
  invalidMovement: 'Invalid status movement',
  mediaMalformed: 'Media URL malformed',
} as const;

export const invalidStructure = (detail?: string): MetamapError => ({
  code: 400,
  message: detail ? `${MESSAGES.invalidStructure}: ${detail}` : MESSAGES.invalidStructure,
  name: 'MoleculerError',
});

export const noInputStrategy = (inputType: string): MetamapError => ({ code: 400, message: `No input strategy found for ${inputType}` });

export const notFound = (): MetamapError => ({ code: 404, message: MESSAGES.notFound, name: 'NotFoundError' });

export const mediaMalformed = (): MetamapError => ({
  code: 400,
  data: {},
  message: MESSAGES.mediaMalformed,
  name: 'MoleculerError',
  type: 'MEDIA_API_ERROR',
});
