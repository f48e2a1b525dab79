import ignore from 'ignore';

/** A folder a kind of project installs into or generates, which neither git nor an image should hold. */
export interface DependencyFolder {
  label: string;
  /** Any of these folder names will do. */
  folders: readonly string[];
}

/** What each kind of project installs into its own folder. */
const DEPENDENCY_FOLDERS: Readonly<Record<'node' | 'python', readonly DependencyFolder[]>> = {
  node: [{ label: 'node_modules/', folders: ['node_modules'] }],
  python: [
    { label: 'the virtual environment (.venv/ or venv/)', folders: ['.venv', 'venv', 'env'] },
    { label: '__pycache__/', folders: ['__pycache__'] },
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
