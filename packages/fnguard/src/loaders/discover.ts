/**
 * Finds the files worth loading under a directory: CloudFormation / SAM templates, serverless.yml
 * files, and (on request) generated CloudFormation from cdk.out / .serverless / .aws-sam.
 *
 * The walk is iterative, bounded in depth and in entries, never leaves the root (symlinks are
 * resolved and checked) and visits each real directory once, so symlink loops end.
 * File system calls are synchronous (see fs/safe-read.ts): on local disks the thread-pool
 * round trips of the promise API cost more than the calls themselves.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import type { LoadWarning } from '../model/types.js';
import { DEFAULT_MAX_FILE_BYTES, isInside, readHead, safeReadFile } from './fs/safe-read.js';
import { hasTemplateExtension, neverTemplate, sniffTemplate } from './fs/sniff.js';

export type CandidateKind = 'cloudformation' | 'sam' | 'cdk' | 'serverless';

export interface Candidate {
  kind: CandidateKind;
  /** relative to the scanned root, forward slashes */
  path: string;
  /** the file's text, when discovery already had to read it to sniff it */
  text?: string;
}

export interface DiscoverOptions {
  /** also load generated CloudFormation: cdk.out, .serverless, .aws-sam */
  includeGenerated?: boolean;
  maxFileBytes?: number;
  maxDepth?: number;
  /** upper bound on directory entries examined */
  maxEntries?: number;
}

export interface Discovery {
  /** real (symlink-free) root that every candidate path is relative to */
  root: string;
  candidates: Candidate[];
  warnings: LoadWarning[];
}

const DEFAULT_MAX_DEPTH = 25;
const DEFAULT_MAX_ENTRIES = 200_000;
/** enough to see AWSTemplateFormatVersion / Transform / the first resources of a template */
const SNIFF_HEAD_BYTES = 64 * 1024;
const KEPT_TEXT_BUDGET = 64 * 1024 * 1024;

/** Dependency, VCS and tool-cache folders: never the user's own configuration. */
const ALWAYS_SKIPPED = new Set([
  'node_modules', '.git', '.hg', '.svn', '.terraform', '.venv', 'venv', '__pycache__', '.pytest_cache',
  '.mypy_cache', '.tox', '.gradle', '.idea', '.vscode', 'bower_components', 'jspm_packages', '.next', '.nuxt',
  '.cache', 'coverage', '.nyc_output', '.build', '.esbuild', '.webpack',
]);

/** Folders of generated CloudFormation: duplicates of the source unless the user wants them. */
const GENERATED = new Set(['cdk.out', '.serverless', '.aws-sam']);

const SERVERLESS_STATIC = /^serverless\.(ya?ml|json)$/i;
const SERVERLESS_DYNAMIC = /^serverless\.(ts|js|mjs|cjs)$/i;

function warn(code: string, message: string, file: string): LoadWarning {
  return { code, message, location: { file, line: 1, column: 1 } };
}

interface Walker {
  root: string;
  options: Required<Pick<DiscoverOptions, 'maxDepth' | 'maxEntries' | 'maxFileBytes'>> & { includeGenerated: boolean };
  candidates: Candidate[];
  warnings: LoadWarning[];
  visitedDirs: Set<string>;
  entries: number;
  keptBytes: number;
}

/** The folder of generated output a path sits in, if any (the closest one wins). */
function generatedFolder(relDir: string): string | undefined {
  const parts = relDir.split('/');
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    if (GENERATED.has(parts[i]!)) return parts[i];
  }
  return undefined;
}

type Classified = Candidate | LoadWarning | undefined;

async function classifyGenerated(walker: Walker, folder: string, rel: string, name: string): Promise<Classified> {
  if (folder === 'cdk.out') return /\.template\.json$/i.test(name) ? { kind: 'cdk', path: rel } : undefined;
  if (folder === '.serverless') return /^cloudformation-template-.*\.json$/i.test(name) ? { kind: 'cloudformation', path: rel } : undefined;
  return /^template\.(ya?ml|json)$/i.test(name) ? classifyTemplate(walker, rel) : undefined;
}

async function classifyTemplate(walker: Walker, rel: string): Promise<Classified> {
  const read = await safeReadFile(walker.root, rel, { maxFileBytes: walker.options.maxFileBytes });
  if (read.ok) {
    const flavour = sniffTemplate(read.text);
    if (!flavour) return undefined;
    // Texts are kept to spare a second read, up to a budget: a huge monorepo must not sit in memory.
    if (walker.keptBytes + read.bytes > KEPT_TEXT_BUDGET) return { kind: flavour, path: rel };
    walker.keptBytes += read.bytes;
    return { kind: flavour, path: rel, text: read.text };
  }
  if (read.warning.code === 'file-too-large') {
    // Only worth a warning when the file is a template we are skipping; a large data file is not news.
    const head = await readHead(walker.root, rel, SNIFF_HEAD_BYTES);
    return head !== undefined && sniffTemplate(head) ? read.warning : undefined;
  }
  return read.warning;
}

async function classifyFile(walker: Walker, relDir: string, name: string): Promise<Classified> {
  const rel = relDir === '' ? name : `${relDir}/${name}`;
  const generated = generatedFolder(relDir);
  if (generated) return classifyGenerated(walker, generated, rel, name);
  if (SERVERLESS_STATIC.test(name)) return { kind: 'serverless', path: rel };
  if (SERVERLESS_DYNAMIC.test(name)) {
    return warn('serverless-config-not-static', `${rel} is a program, not data: fnguard does not execute project code, so it cannot load it. Convert it to serverless.yml, or scan the generated .serverless/ template with --include-generated`, rel);
  }
  if (!hasTemplateExtension(name) || neverTemplate(name)) return undefined;
  return classifyTemplate(walker, rel);
}

/** Follows a symlink only if its target is inside the root; returns what the target is. */
async function followLink(walker: Walker, absolute: string, rel: string): Promise<{ real: string; dir: boolean; file: boolean } | undefined> {
  let real: string;
  try {
    real = realpathSync.native(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') walker.warnings.push(warn('symlink-loop', `${rel} is a symlink loop; skipped`, rel));
    // A dangling link is common (editor lock files) and harmless: skip it silently.
    return undefined;
  }
  if (!isInside(walker.root, real)) {
    walker.warnings.push(warn('path-escape', `${rel} is a symlink to outside the scanned directory; not followed`, rel));
    return undefined;
  }
  try {
    const target = statSync(real);
    return { real, dir: target.isDirectory(), file: target.isFile() };
  } catch {
    return undefined;
  }
}

async function listDir(walker: Walker, absolute: string, rel: string): Promise<Dirent[] | undefined> {
  try {
    const entries = readdirSync(absolute, { withFileTypes: true });
    // Sorted so that results and warnings come out in the same order on every machine.
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    walker.warnings.push(warn('dir-unreadable', `${rel || '.'} cannot be listed (${code ?? 'error'}); skipped`, rel || '.'));
    return undefined;
  }
}

/** Runs `work` over `items` with at most `limit` in flight, keeping results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(runners);
  return results;
}

/** How many files are sniffed at once: enough to hide I/O latency, few enough to bound memory. */
const READ_CONCURRENCY = 16;

async function walk(walker: Walker): Promise<void> {
  const queue: Array<{ absolute: string; rel: string; depth: number }> = [{ absolute: walker.root, rel: '', depth: 0 }];
  walker.visitedDirs.add(walker.root);
  let depthWarned = false;
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const entries = await listDir(walker, dir.absolute, dir.rel);
    if (!entries) continue;
    const files: string[] = [];
    for (const entry of entries) {
      if (++walker.entries > walker.options.maxEntries) {
        walker.warnings.push(warn('too-many-files', `stopped after examining ${walker.options.maxEntries} files and folders; the rest of the tree was not scanned`, dir.rel || '.'));
        queue.length = 0;
        break;
      }
      const absolute = path.join(dir.absolute, entry.name);
      const rel = dir.rel === '' ? entry.name : `${dir.rel}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real = absolute;
      if (entry.isSymbolicLink()) {
        const target = await followLink(walker, absolute, rel);
        if (!target) continue;
        real = target.real;
        isDir = target.dir;
        isFile = target.file;
      }
      if (isDir) {
        if (ALWAYS_SKIPPED.has(entry.name)) continue;
        if (GENERATED.has(entry.name) && !walker.options.includeGenerated) continue;
        if (walker.visitedDirs.has(real)) continue;
        if (dir.depth + 1 > walker.options.maxDepth) {
          if (!depthWarned) walker.warnings.push(warn('too-deep', `folders deeper than ${walker.options.maxDepth} levels were not scanned (first: ${rel})`, rel));
          depthWarned = true;
          continue;
        }
        walker.visitedDirs.add(real);
        queue.push({ absolute: real, rel, depth: dir.depth + 1 });
      } else if (isFile) {
        files.push(entry.name);
      }
    }
    const found = await mapLimit(files, READ_CONCURRENCY, (name) => classifyFile(walker, dir.rel, name));
    for (const result of found) {
      if (!result) continue;
      if ('kind' in result) walker.candidates.push(result);
      else walker.warnings.push(result);
    }
  }
}

async function discoverFile(realFile: string, options: DiscoverOptions): Promise<Discovery> {
  const root = path.dirname(realFile);
  const name = path.basename(realFile);
  const walker = newWalker(root, options);
  // A file named on the command line is loaded even if it sits in a generated folder.
  if (SERVERLESS_STATIC.test(name)) {
    walker.candidates.push({ kind: 'serverless', path: name });
  } else if (SERVERLESS_DYNAMIC.test(name)) {
    const result = await classifyFile(walker, '', name);
    if (result && !('kind' in result)) walker.warnings.push(result);
  } else {
    const read = await safeReadFile(root, name, { maxFileBytes: walker.options.maxFileBytes });
    if (!read.ok) {
      walker.warnings.push(read.warning);
    } else {
      const flavour = read.text.trim() === '' ? undefined : sniffTemplate(read.text);
      const kind = /\.template\.json$/i.test(name) && path.basename(root) === 'cdk.out' ? 'cdk' : flavour;
      if (kind) walker.candidates.push({ kind, path: name, text: read.text });
      else if (read.text.trim() === '') walker.warnings.push(warn('empty-file', `${name} is empty`, name));
      else walker.warnings.push(warn('not-a-template', `${name} does not look like a CloudFormation, SAM or Serverless Framework file`, name));
    }
  }
  return { root, candidates: walker.candidates, warnings: walker.warnings };
}

function newWalker(root: string, options: DiscoverOptions): Walker {
  return {
    root,
    options: {
      includeGenerated: options.includeGenerated ?? false,
      maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
      maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
      maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    },
    candidates: [],
    warnings: [],
    visitedDirs: new Set(),
    entries: 0,
    keptBytes: 0,
  };
}

/** Finds the loadable files under `target` (a directory or a single file). Never throws. */
export async function discover(target: string, options: DiscoverOptions = {}): Promise<Discovery> {
  let real: string;
  try {
    real = realpathSync.native(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = path.basename(target) || target;
    return { root: path.resolve(target), candidates: [], warnings: [warn(code === 'ENOENT' ? 'file-not-found' : 'file-unreadable', `${target} cannot be opened (${code ?? 'error'})`, shown)] };
  }
  let isDirectory: boolean;
  try {
    isDirectory = lstatSync(real).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { root: real, candidates: [], warnings: [warn('file-unreadable', `${target} cannot be opened (${code ?? 'error'})`, path.basename(real))] };
  }
  if (!isDirectory) return discoverFile(real, options);
  const walker = newWalker(real, options);
  await walk(walker);
  return { root: real, candidates: walker.candidates, warnings: walker.warnings };
}
