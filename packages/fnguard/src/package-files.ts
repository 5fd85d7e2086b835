/**
 * Files that ship inside the package (package.json, data/). They are found from the package root
 * rather than relative to the calling module, because a module sits at different depths in src/,
 * in dist/ and in the CLI bundle (dist/bundle/).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The nearest folder above this module that holds a package.json: the fnguard package itself. */
export function packageRoot(): string {
  if (root === undefined) {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!existsSync(path.join(dir, 'package.json'))) {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
      dir = parent;
    }
    root = dir;
  }
  return root;
}

/** `relative` is a path inside the package, e.g. `data/sam-policy-templates.json`. */
export function readPackageFile(relative: string): string {
  return readFileSync(path.join(packageRoot(), relative), 'utf8');
}
