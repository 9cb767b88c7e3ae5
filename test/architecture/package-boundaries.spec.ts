import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The house's rules, read from the code itself: packages are imported by
 * name (never by a relative path into another package's folder), only
 * through what a package exports, only when declared as a dependency, and
 * dependencies point one way (no app depends on another app, no library on
 * an app, the domain on nothing of ours).
 */
const root = resolve(__dirname, '../..');
const sourceFolders = ['apps', 'libs', 'bench', 'test'];

interface Workspace {
  name: string;
  dir: string;
  exports: string[];
  dependencies: string[];
  devDependencies: string[];
}

function workspaces(): Workspace[] {
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  return rootManifest.workspaces.flatMap((pattern) => {
    const dirs = pattern.endsWith('/*') ? readdirSync(join(root, pattern.slice(0, -2))).map((d) => join(root, pattern.slice(0, -2), d)) : [join(root, pattern)];
    return dirs.map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        exports?: Record<string, unknown>;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      return {
        name: manifest.name,
        dir,
        exports: Object.keys(manifest.exports ?? {}),
        dependencies: Object.keys(manifest.dependencies ?? {}),
        devDependencies: Object.keys(manifest.devDependencies ?? {}),
      };
    });
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'results') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file names in an import, export ... from, dynamic import or require. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)'([^']+)'/gm)) found.push(match[1]);
  return found;
}

const isTestFile = (path: string) => /\.(spec|integration|e2e)\.ts$/.test(path) || path.includes(`${sep}testing${sep}`);

const all = workspaces();
const ownerOf = (path: string) => all.find((w) => path === w.dir || path.startsWith(w.dir + sep));
const byName = new Map(all.map((w) => [w.name, w]));
const files = sourceFolders.flatMap((folder) => sourceFiles(join(root, folder)));

describe('package boundaries', () => {
  it('finds the workspaces and their sources', () => {
    expect(all.map((w) => w.name)).toEqual(expect.arrayContaining(['@crm/domain', '@crm/event-store', '@crm/application', '@crm/testing', '@crm/api']));
    expect(files.length).toBeGreaterThan(100);
  });

  it('no relative import leaves its own package (test/ counts as one)', () => {
    const climbs: string[] = [];
    for (const file of files) {
      const home = ownerOf(file)?.dir ?? join(root, relative(root, file).split(sep)[0]);
      for (const spec of specifiers(readFileSync(file, 'utf8')).filter((s) => s.startsWith('.'))) {
        const target = resolve(dirname(file), spec);
        if (target !== home && !target.startsWith(home + sep)) climbs.push(`${relative(root, file)}: '${spec}'`);
      }
    }
    expect(climbs).toEqual([]);
  });

  it('a package is imported only through what it exports, and only where it is declared a dependency', () => {
    const faults: string[] = [];
    for (const file of files) {
      const owner = ownerOf(file);
      for (const spec of specifiers(readFileSync(file, 'utf8')).filter((s) => s.startsWith('@crm/'))) {
        const [scope, name, ...rest] = spec.split('/');
        const target = byName.get(`${scope}/${name}`);
        const subpath = rest.length > 0 ? `./${rest.join('/')}` : '.';
        if (!target) faults.push(`${relative(root, file)}: '${spec}' is no package of ours`);
        else if (!target.exports.includes(subpath)) faults.push(`${relative(root, file)}: '${spec}' is not exported by ${target.name}`);
        else if (owner && owner !== target) {
          const declared = isTestFile(file) ? [...owner.dependencies, ...owner.devDependencies] : owner.dependencies;
          if (!declared.includes(target.name)) faults.push(`${relative(root, file)}: ${owner.name} does not declare ${target.name}`);
        }
      }
    }
    expect(faults).toEqual([]);
  });

  it('dependencies point one way: no app depends on an app, no library on an app, the domain on nothing of ours', () => {
    const isApp = (w: Workspace) => w.dir.startsWith(join(root, 'apps') + sep);
    const faults: string[] = [];
    for (const w of all) {
      for (const dependency of [...w.dependencies, ...w.devDependencies].flatMap((n) => byName.get(n) ?? [])) {
        if (isApp(dependency) && (isApp(w) || w.dir.startsWith(join(root, 'libs') + sep))) faults.push(`${w.name} -> ${dependency.name}`);
      }
    }
    expect(faults).toEqual([]);
    const domain = byName.get('@crm/domain')!;
    expect([...domain.dependencies, ...domain.devDependencies]).toEqual([]);
  });
});
