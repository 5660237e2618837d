// The providers kyc-sim simulates. Adding one = a new folder + one line here.
import type { Config } from '../core/config.js';
import type { Provider } from './provider.js';
import { createMetamapProvider } from './metamap/index.js';
import { createVerifimeProvider } from './verifime/index.js';

export function createProviders(config: Config): Provider[] {
  return [createVerifimeProvider(config), createMetamapProvider(config)];
}
