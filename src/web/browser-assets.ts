// The pages' browser code lives in src/web/browser/*.ts, type-checked with the rest. The
// build compiles it next to this file (dist/web/browser/*.js); from source (tests, `npm run
// dev`) that build output is used when it is newer than the .ts file, else the .ts file is
// transpiled on first use with the TypeScript compiler and the result kept in
// node_modules/.cache (loading the compiler costs seconds; every test process would pay it). Modules are served at /__kyc-sim/js/<name>.js and import each other by relative path.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';

const DIR = new URL('./browser/', import.meta.url);
const CACHE = new URL('../../node_modules/.cache/kyc-sim-browser/', import.meta.url);
/** From source: the build's output, used when it is newer than the .ts file. */
const BUILT = new URL('../../dist/web/browser/', import.meta.url);
const NAME = /^[a-z][a-z0-9-]*$/;
const cache = new Map<string, Promise<string | undefined>>();

/** The JavaScript of a browser module, or undefined when there is no such module. */
export function browserModule(name: string): Promise<string | undefined> {
  if (!NAME.test(name)) return Promise.resolve(undefined);
  let loading = cache.get(name);
  if (!loading) {
    loading = load(name);
    loading.catch(() => cache.delete(name));
    cache.set(name, loading);
  }
  return loading;
}

async function load(name: string): Promise<string | undefined> {
  const compiled = await readIfExists(new URL(`${name}.js`, DIR));
  if (compiled !== undefined) return clean(compiled);
  const source = await readIfExists(new URL(`${name}.ts`, DIR));
  if (source === undefined) return undefined;
  const built = await builtIfFresh(name);
  if (built !== undefined) return clean(built);
  const cached = new URL(`${name}-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.js`, CACHE);
  const hit = await readIfExists(cached);
  if (hit !== undefined) return hit;
  const ts = (await import('typescript')).default;
  const out = ts.transpileModule(source, {
    fileName: `${name}.ts`,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
  });
  const js = clean(out.outputText);
  try {
    // Written aside and renamed, so a parallel test process never reads half a file.
    const partial = new URL(`${cached.pathname.split('/').pop()}.${process.pid}.tmp`, CACHE);
    await mkdir(CACHE, { recursive: true });
    await writeFile(partial, js);
    await rename(partial, cached);
  } catch {
    // a read-only checkout: transpile again next time
  }
  return js;
}

async function builtIfFresh(name: string): Promise<string | undefined> {
  try {
    const [ts, js] = await Promise.all([stat(new URL(`${name}.ts`, DIR)), stat(new URL(`${name}.js`, BUILT))]);
    return js.mtimeMs >= ts.mtimeMs ? await readFile(new URL(`${name}.js`, BUILT), 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

async function readIfExists(url: URL): Promise<string | undefined> {
  try {
    return await readFile(url, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Drops the source-map comment and the empty `export {}` of export-free files. */
function clean(js: string): string {
  return js.replace(/^\/\/# sourceMappingURL=.*$/m, '').replace(/^export \{\};?\s*$/m, '').trimEnd() + '\n';
}

export function browserAssetRoutes(): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { name: string } }>('/__kyc-sim/js/:name', { schema: { hide: true } }, async (request, reply) => {
      const name = request.params.name.replace(/\.js$/, '');
      const js = await browserModule(name);
      if (js === undefined) return reply.code(404).type('text/plain').send(`no browser module ${name}`);
      return reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(js);
    });
  };
}
