import ignore from 'ignore';

/** A folder a kind of project installs into or generates, which neither git nor an image should hold. */
export interface DependencyFolder {
  label: string;
  /** Any of these folder names will do. */
  folders: readonly string[];
  /** A file that lives in it, for ignore rules that leave out its files rather than the folder (`*.pyc`). */
  sample?: string;
}

/** What each kind of project installs into its own folder. */
const DEPENDENCY_FOLDERS: Readonly<Record<'node' | 'python', readonly DependencyFolder[]>> = {
  node: [{ label: 'node_modules/', folders: ['node_modules'] }],
  python: [
    { label: 'the virtual environment (.venv/ or venv/)', folders: ['.venv', 'venv', 'env'] },
    { label: '__pycache__/', folders: ['__pycache__'], sample: 'app.cpython-312.pyc' },
  ],
};

/**
 * The dependency folders of this project: by the learner's track, and by whatever manifests sit at
 * the top of the project (a Python learner's side project with a package.json has node_modules too).
 */
export function dependencyFolders(topLevelFiles: readonly string[], track: string | null): DependencyFolder[] {
  const node = track === 'node' || topLevelFiles.includes('package.json');
  const python =
    track === 'python' ||
    topLevelFiles.some((f) => /^(pyproject\.toml|requirements[^/]*\.txt|manage\.py|setup\.py)$/.test(f));
  return [...(node ? DEPENDENCY_FOLDERS.node : []), ...(python ? DEPENDENCY_FOLDERS.python : [])];
}

const MANIFEST = /^(package\.json|pyproject\.toml|requirements[^/]*\.txt|manage\.py|setup\.py)$/;

/** Folders whose manifests are not the project's: dependencies, builds, examples and docs. */
const NOT_A_PROJECT = /^(node_modules|\.venv|venv|env|site-packages|__pycache__|dist|build|docs?|examples?|samples?)$/i;

/**
 * The folders of a repository that hold a project, by their manifests: the top folder ('') and
 * any folder up to two levels down (a backend/ beside a frontend/); dependency, example and docs
 * folders left out. The top folder alone when no folder holds a manifest. A top folder that holds
 * none beside a backend/ that does is not asked to ignore a .env of its own: the app's sits beside it.
 */
export function projectFolders(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    if (parts.length > 3 || !MANIFEST.test(parts.at(-1)!)) continue;
    if (parts.slice(0, -1).some((part) => NOT_A_PROJECT.test(part))) continue;
    folders.add(parts.slice(0, -1).join('/'));
  }
  return folders.size === 0 ? [''] : [...folders].sort();
}

/** The files directly inside a folder of the repository ('' for the top), by their names. */
export const filesIn = (files: readonly string[], folder: string): string[] =>
  files.flatMap((file) => {
    const rest = folder === '' ? file : file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : undefined;
    return rest !== undefined && !rest.includes('/') ? [rest] : [];
  });

/**
 * Whether git leaves a path out, by the .gitignore files of the folders above it (keyed by
 * folder, '' for the top): the deepest file that says anything about the path decides, as in git.
 * A folder's path ends in a slash.
 */
export function gitIgnores(gitignores: ReadonlyMap<string, string>, path: string): boolean {
  const slash = path.endsWith('/') ? '/' : '';
  const parts = path.replace(/\/$/, '').split('/');
  for (let depth = parts.length - 1; depth >= 0; depth--) {
    const rules = gitignores.get(parts.slice(0, depth).join('/'));
    if (rules === undefined) continue;
    const verdict = ignore()
      .add(rules)
      .test(parts.slice(depth).join('/') + slash);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/**
 * What an ignore file (.gitignore, .dockerignore) fails to leave out: the labels of the wanted
 * folders none of whose names it ignores, and `.env` if it lets that through. Both formats read
 * the same for names at the top of the project, which is all this asks.
 */
export function notIgnored(rulesText: string, wanted: readonly DependencyFolder[]): string[] {
  const rules = ignore().add(rulesText);
  const missing = wanted
    .filter(({ folders }) => !folders.some((folder) => rules.ignores(`${folder}/`)))
    .map((w) => w.label);
  return rules.ignores('.env') ? missing : [...missing, '.env'];
}
