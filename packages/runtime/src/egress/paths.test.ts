import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathAllowList, realResolve, toPathString } from './paths.js';

let root: string;
let allowed: string;
let outside: string;
beforeAll(() => {
  root = realResolve(mkdtempSync(join(tmpdir(), 'fnguard-paths-')));
  allowed = join(root, 'cache');
  outside = join(root, 'outside');
  mkdirSync(allowed);
  mkdirSync(outside);
  symlinkSync(outside, join(allowed, 'escape'));
  symlinkSync(join(outside, 'not-yet'), join(allowed, 'dangling'));
  symlinkSync(join(allowed, 'loop-b'), join(allowed, 'loop-a'));
  symlinkSync(join(allowed, 'loop-a'), join(allowed, 'loop-b'));
  symlinkSync(join(allowed, 'sub'), join(outside, 'back-in'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('path allow-list', () => {
  it('allows the directory itself and anything below, existing or not', () => {
    const list = new PathAllowList([allowed]);
    expect(list.allows(allowed)).toBe(true);
    expect(list.allows(join(allowed, 'a.txt'))).toBe(true);
    expect(list.allows(join(allowed, 'new/deep/file'))).toBe(true);
  });

  it('blocks ../ escapes, sibling prefixes and other directories', () => {
    const list = new PathAllowList([allowed]);
    expect(list.allows(`${allowed}/../outside/x`)).toBe(false);
    expect(list.allows(`${allowed}/a/../../outside/x`)).toBe(false);
    expect(list.allows(`${allowed}-evil/x`)).toBe(false);
    expect(list.allows('/etc/passwd')).toBe(false);
    expect(list.allows(`${allowed}/./a/../b`)).toBe(true);
  });

  it('follows symlinks, including a dangling one at the end and links pointing back in', () => {
    const list = new PathAllowList([allowed]);
    expect(list.allows(join(allowed, 'escape/x'))).toBe(false);
    expect(list.allows(join(allowed, 'escape'))).toBe(false);
    expect(list.allows(join(allowed, 'dangling'))).toBe(false);
    expect(realResolve(join(allowed, 'dangling'))).toBe(join(outside, 'not-yet'));
    expect(list.allows(join(outside, 'back-in/file'))).toBe(true);
  });

  it('refuses symlink loops', () => {
    expect(new PathAllowList([allowed]).allows(join(allowed, 'loop-a/x'))).toBe(false);
  });

  it('resolves relative paths against the working directory', () => {
    const list = new PathAllowList([process.cwd()]);
    expect(list.allows('relative.txt')).toBe(true);
    expect(list.allows('../elsewhere.txt')).toBe(false);
  });

  it('reads string, Buffer and file: URL paths; ignores descriptors', () => {
    expect(toPathString('/a')).toBe('/a');
    expect(toPathString(Buffer.from('/b'))).toBe('/b');
    expect(toPathString(new URL('file:///c/d'))).toBe('/c/d');
    expect(toPathString(3)).toBeUndefined();
    expect(toPathString(new URL('https://x/'))).toBeUndefined();
  });
});
