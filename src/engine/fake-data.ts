// Generated values (names, dates, document numbers) from JSON Schemas through
// json-schema-faker + faker. Each call is seeded from the simulator seed and a key, so a
// session's values do not depend on what else the simulator did before.
import { Faker, base, en } from '@faker-js/faker';
import { generateSync } from 'json-schema-faker';
import type { Random } from '../core/random.js';

export interface FakeData {
  generate<T = unknown>(schema: object, key: string): T;
}

export function createFakeData(random: Random): FakeData {
  const faker = new Faker({ locale: [en, base] });
  return {
    generate<T>(schema: object, key: string): T {
      const seed = random.fork(key).seedInt();
      faker.seed(seed);
      return generateSync(schema as Parameters<typeof generateSync>[0], {
        seed,
        extensions: { faker },
        alwaysFakeOptionals: true,
      } as Parameters<typeof generateSync>[1]) as T;
    },
  };
}
