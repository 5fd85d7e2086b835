import fs from 'node:fs';
import { writeFileSync as namedWriteFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../../test/helpers/lambda.js';
import { EgressBlockedError } from './errors.js';
import { installEgressGuard, uninstallEgressGuard } from './install.js';
import { realResolve } from './paths.js';

let root: string;
let cache: string;
let outside: string;
beforeAll(async () => {
  root = realResolve(await mkdtemp(join(tmpdir(), 'fnguard-fs-')));
  cache = join(root, 'cache');
  outside = join(root, 'outside');
  fs.mkdirSync(cache);
  fs.mkdirSync(outside);
  fs.writeFileSync(join(outside, 'existing.txt'), 'original');
  fs.writeFileSync(join(cache, 'inside.txt'), 'inside');
  fs.symlinkSync(outside, join(cache, 'link-out'));
});
afterEach(() => uninstallEgressGuard());
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function guard(mode: 'block' | 'alert' = 'block') {
  const { logger, events } = captureLogger();
  installEgressGuard({ fsWrite: [cache], mode, logger });
  return events;
}

describe('egress guard: filesystem writes', () => {
  it('allows writes inside the allowed directory with every API', async () => {
    guard();
    fs.writeFileSync(join(cache, 'a.txt'), '1');
    fs.appendFileSync(join(cache, 'a.txt'), '2');
    await fs.promises.writeFile(join(cache, 'b.txt'), 'x');
    await new Promise<void>((resolve, reject) => fs.writeFile(join(cache, 'c.txt'), 'y', (e) => (e ? reject(e) : resolve())));
    fs.mkdirSync(join(cache, 'dir/deep'), { recursive: true });
    fs.renameSync(join(cache, 'c.txt'), join(cache, 'dir/c.txt'));
    const fd = fs.openSync(join(cache, 'd.txt'), 'w');
    fs.closeSync(fd);
    await new Promise<void>((resolve, reject) => {
      const stream = fs.createWriteStream(join(cache, 'e.txt'));
      stream.end('z', () => resolve());
      stream.on('error', reject);
    });
    fs.unlinkSync(join(cache, 'd.txt'));
    expect(fs.readFileSync(join(cache, 'a.txt'), 'utf8')).toBe('12');
  });

  it.each<[string, (target: string) => unknown]>([
    ['writeFileSync', (t) => fs.writeFileSync(t, 'x')],
    ['appendFileSync', (t) => fs.appendFileSync(t, 'x')],
    ['openSync w', (t) => fs.openSync(t, 'w')],
    ['openSync a+', (t) => fs.openSync(t, 'a+')],
    ['openSync O_WRONLY', (t) => fs.openSync(t, fs.constants.O_WRONLY)],
    ['createWriteStream', (t) => fs.createWriteStream(t)],
    ['unlinkSync', (t) => fs.unlinkSync(t)],
    ['rmSync', (t) => fs.rmSync(t)],
    ['truncateSync', (t) => fs.truncateSync(t)],
    ['chmodSync', (t) => fs.chmodSync(t, 0o777)],
    ['copyFileSync into', (t) => fs.copyFileSync(join(cache, 'inside.txt'), t)],
    ['renameSync into', (t) => fs.renameSync(join(cache, 'inside.txt'), t)],
    ['renameSync out of', (t) => fs.renameSync(t, join(cache, 'stolen.txt'))],
    ['symlinkSync', (t) => fs.symlinkSync('/etc/passwd', t)],
    ['writeFileSync via Buffer path', (t) => fs.writeFileSync(Buffer.from(t), 'x')],
    ['writeFileSync via file: URL', (t) => fs.writeFileSync(new URL(`file://${t}`), 'x')],
    ['ESM named import', (t) => namedWriteFileSync(t, 'x')],
  ])('blocks %s outside the allowed directory', (_name, attempt) => {
    const events = guard();
    const target = join(outside, 'existing.txt');
    expect(() => attempt(target)).toThrow(expect.objectContaining({ code: 'FS_BLOCKED' }));
    expect(fs.readFileSync(target, 'utf8')).toBe('original');
    expect(events[0]).toMatchObject({ type: 'fs.blocked', target });
  });

  it.each([
    ['../ escape', () => `${cache}/../outside/existing.txt`],
    ['deep ../ escape', () => `${cache}/a/b/../../../outside/existing.txt`],
    ['symlink inside pointing out', () => join(cache, 'link-out/existing.txt')],
    ['sibling with the same prefix', () => `${cache}-evil/file`],
  ])('blocks a %s', (_name, target) => {
    guard();
    expect(() => fs.writeFileSync(target(), 'pwned')).toThrow(EgressBlockedError);
    expect(fs.readFileSync(join(outside, 'existing.txt'), 'utf8')).toBe('original');
  });

  it('blocks the fs.promises and callback forms asynchronously-callable APIs too', async () => {
    guard();
    const target = join(outside, 'existing.txt');
    await expect(Promise.resolve().then(() => fs.promises.writeFile(target, 'x'))).rejects.toMatchObject({ code: 'FS_BLOCKED' });
    await expect(Promise.resolve().then(() => fs.promises.open(target, 'r+'))).rejects.toMatchObject({ code: 'FS_BLOCKED' });
    await expect(Promise.resolve().then(() => fs.promises.rm(outside, { recursive: true }))).rejects.toMatchObject({ code: 'FS_BLOCKED' });
    expect(() => fs.writeFile(target, 'x', () => undefined)).toThrow(EgressBlockedError);
    expect(() => fs.mkdir(join(outside, 'new'), () => undefined)).toThrow(EgressBlockedError);
  });

  it('does not interfere with reads anywhere', async () => {
    guard();
    expect(fs.readFileSync(join(outside, 'existing.txt'), 'utf8')).toBe('original');
    const fd = fs.openSync(join(outside, 'existing.txt'), 'r');
    fs.closeSync(fd);
    const handle = await fs.promises.open(join(outside, 'existing.txt'));
    await handle.close();
    await new Promise<void>((resolve, reject) => fs.open(join(outside, 'existing.txt'), (e, f) => (e ? reject(e) : fs.close(f, () => resolve()))));
  });

  it('alert mode performs the write and logs it', () => {
    const events = guard('alert');
    const target = join(outside, 'alerted.txt');
    fs.writeFileSync(target, 'written');
    expect(fs.readFileSync(target, 'utf8')).toBe('written');
    expect(events).toEqual([expect.objectContaining({ type: 'egress.alert', category: 'fs', target })]);
  });
});
