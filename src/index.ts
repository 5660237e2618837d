// The package entry: the in-process test kit first, then the pieces it is built from for
// those who embed kyc-sim differently (their own server, their own configuration).
export * from './testing.js';
export { loadConfig, ConfigError, type Config } from './core/config.js';
export { startServer, type RunningServer } from './server.js';
export { createSimulator, type Simulator } from './simulator.js';
export { VERSION } from './version.js';
// The webhook conformance checker behind `kyc-sim check-webhook`, for use from a test suite.
export { checkWebhook, type CheckOptions } from './conformance/runner.js';
export type { Report, RuleResult } from './conformance/types.js';
