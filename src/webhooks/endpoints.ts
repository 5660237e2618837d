// Registered webhook endpoints. An endpoint belongs to one provider and optionally to one
// scope (a VerifiMe organisation code, a MetaMap flow id); without a scope it gets every
// event of its provider.
export interface Endpoint {
  readonly id: string;
  readonly provider: string;
  readonly url: string;
  readonly secret: string;
  readonly scope: string | null;
  readonly createdAt: string;
  readonly source: 'config' | 'api';
}

export interface EndpointRegistry {
  add(endpoint: Endpoint): Endpoint;
  remove(id: string): boolean;
  get(id: string): Endpoint | undefined;
  list(provider?: string): Endpoint[];
  matching(provider: string, scope: string | null): Endpoint[];
  clear(): void;
}

export function createEndpointRegistry(): EndpointRegistry {
  const byId = new Map<string, Endpoint>();
  return {
    add(endpoint) {
      byId.set(endpoint.id, endpoint);
      return endpoint;
    },
    remove: (id) => byId.delete(id),
    get: (id) => byId.get(id),
    list: (provider) => [...byId.values()].filter((e) => provider === undefined || e.provider === provider),
    matching: (provider, scope) =>
      [...byId.values()].filter((e) => e.provider === provider && (e.scope === null || e.scope === scope)),
    clear: () => byId.clear(),
  };
}
