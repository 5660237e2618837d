// The one test for "a JSON object" (not null, not an array), shared by request validation,
// scenario step data and the fake-data schema compiler.
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
