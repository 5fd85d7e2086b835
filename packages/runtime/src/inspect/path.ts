/**
 * Path traversal and local file inclusion. Values are normalised the way a file API would see
 * them (both slash kinds, overlong and `%u` dots already folded by the decoder, `0x2f`/`2f`
 * spelled-out separators, null-byte truncation) and then judged on structure: a `..` segment,
 * an absolute path into the operating system's own directories, or a well-known secret file.
 */
import { C_BSL, C_COLON, C_DOT, C_NONASCII, C_NUL, C_SLASH, C_TILDE, HASH_SEED, WordSet, codeAt, hashStep, isAsciiAlnum, isAsciiBlank, isAsciiDigit, isAsciiLetter, lowerCode } from './chars.js';
import type { Finding } from './types.js';

/** Top-level directories of a Unix system an application never takes from a user (`/tmp` is where a Lambda writes). */
const SYSTEM_ROOTS = new Set(['etc', 'proc', 'sys', 'root', 'boot', 'dev', 'var', 'usr', 'bin', 'sbin', 'lib', 'lib64', 'tmp']);
/** The subset that is sensitive even inside a URL path (`/@fs/etc/passwd`). */
const SENSITIVE_PAIRS = /(?:^|\/)(?:etc\/(?:passwd|shadow|group|hosts|issue|sudoers|crontab|fstab|hostname|profile|environment|security|ssh|ssl|mysql|nginx|apache2?|httpd|php\d?|init\.d|logrotate\.d|inetd\.conf)|proc\/(?:self|version|cmdline|environ|\d+)|sys\/(?:class|kernel|devices|firmware)|root\/|var\/(?:log|www|lib\/mysql|mail|spool)|windows\/(?:system32|win\.ini|system\.ini|repair|panther|debug)|winnt\/)/i;
/** Files that hold secrets or server configuration whatever directory they are in. */
const SECRET_FILES = /(?:^|\/)(?:\.env(?:\.[\w-]+)?|\.htaccess|\.htpasswd|\.git(?:\/|config$)|\.svn\/|\.ssh\/|\.aws\/|\.docker\/|\.kube\/|\.npmrc|\.bash_history|\.bashrc|\.profile|id_rsa(?:\.pub)?|id_ed25519|authorized_keys|known_hosts|boot\.ini|win\.ini|system\.ini|web\.config|php\.ini|httpd\.conf|my\.cnf|wp-config\.php|(?:access|error)[._]log|login_log|unattend(?:ed)?\.(?:xml|txt)|sysprep\.(?:xml|inf)|desktop\.ini|pagefile\.sys|\.ds_store)$/i;
/** Server software install trees (Windows and Unix) that show up in inclusion payloads. */
const SERVER_DIRS = /(?:^|\/)(?:xampp|wamp|lampp|apache\d?|apache group|nginx|httpd|inetpub|tomcat\d*|php\d?|mysql|cpanel|pure-?ftpd|proftpd|vsftpd)(?:\/|$)/i;

/** Turns every spelling of a separator into `/` and cuts at a null byte the way C APIs do. */
export function normalisePath(value: string): { path: string; nul: boolean } {
  const nulAt = value.indexOf('\u0000');
  let path = nulAt >= 0 ? value.slice(0, nulAt) + '/' + value.slice(nulAt + 1) : value;
  if (/(?:0x2e){2}/i.test(path)) path = path.replace(/0x2e/gi, '.').replace(/0x2f|0x5c/gi, '/');
  path = path
    .replace(/\\+/g, '/')
    .replace(/(?<=\.\.)(?:0x2f|0x5c|2f|5c)/gi, '/')
    .replace(/\uff0f|\uff3c|\u2215|\u2216|\u2044|\uefc8|\uf025/g, '/')
    // an invalid byte before a separator (`%c0%5c`) decodes to U+FFFD; IIS-era parsers dropped it
    .replace(/\ufffd/g, '')
    .replace(/\uff0e|\u2024/g, '.');
  return { path, nul: nulAt >= 0 };
}

export interface PathOptions {
  /** the value is the request's own URL path, which always starts with `/` */
  urlPath?: boolean;
}

/** Pieces of the value that could be handed to a file API on their own. */
function candidates(value: string): string[] {
  const parts = value.split(/[\s"'<>|;,=()]+|\?(?=[\w[\]]*=)/).filter((part) => part.length > 1);
  // Windows paths may contain spaces (`C:/program files/...`), so the whole value is a candidate too
  return [value.trim(), ...parts.slice(0, 16)];
}

/** Paths need a separator, a dot or a drive colon in some spelling. */
const PATH_SIGNAL = /[./\\:\u0000\u2215\u2216\u2044\uff0f\uff3c\uff0e\uefc8\uf025]/;
/** Without a separator, `..` or a NUL only a bare secret file name (`.htaccess`, `boot.ini`) can match. */
const SEPARATOR_SIGNAL = /[/\\:\u0000\u2215\u2216\u2044\uff0f\uff3c\uefc8\uf025]|\.\.|\uff0e|0x2e/i;

/**
 * The segment names some rule below gives a meaning to (compared lower-case, also with trailing
 * digits dropped: `lib64`, `php5`, `tomcat9`). Directories (system roots and sensitive
 * directories, server install trees) only count next to a `/` (`/etc`, `xampp/`): every rule
 * that names one has it in a path. Secret files that do not start with a dot count anywhere.
 */
const PATH_DIRECTORIES = new WordSet([
  ...SYSTEM_ROOTS, 'windows', 'winnt',
  'xampp', 'wamp', 'lampp', 'apache', 'nginx', 'httpd', 'inetpub', 'tomcat', 'php', 'mysql', 'cpanel', 'pure-ftpd', 'pureftpd', 'proftpd', 'vsftpd',
]);
const PATH_FILES = new WordSet([
  'id_rsa', 'id_rsa.pub', 'id_ed25519', 'authorized_keys', 'known_hosts', 'boot.ini', 'win.ini', 'system.ini', 'web.config', 'php.ini', 'httpd.conf',
  'my.cnf', 'wp-config.php', 'access.log', 'access_log', 'error.log', 'error_log', 'login_log', 'unattend.xml', 'unattend.txt', 'unattended.xml',
  'unattended.txt', 'sysprep.xml', 'sysprep.inf', 'desktop.ini', 'pagefile.sys',
]);

/** Where the candidate splitter (and `/`) ends a piece: ASCII whitespace and `"'<>|;,=()?` (by character code, ASCII). */
const PIECE_BREAK = new Uint8Array(128);
for (const c of '/ \t\n\v\f\r"\'<>|;,=()?') PIECE_BREAK[c.charCodeAt(0)] = 1;

/** Is `value[start, end)`, or it without trailing digits, one of `words`? */
function pathWord(words: WordSet, value: string, start: number, end: number): boolean {
  if (words.hasRange(value, start, end)) return true;
  let e = end;
  while (e > start && isAsciiDigit(value.charCodeAt(e - 1))) e--;
  return e < end && e > start && words.hasRange(value, start, e);
}

/** Could a piece whose hash (and hash before trailing digits) is this be one of `words`? */
function mayBePathWord(words: WordSet, h: number, len: number, digitHash: number, digitLen: number): boolean {
  return words.mayHave(h, len) || (digitLen > 0 && words.mayHave(digitHash, digitLen));
}

/**
 * Can any rule of `detectLfi` fire? Every rule needs one of: a `..`, a segment that starts with a
 * dot (hidden and secret files), a drive letter or `file:`, a NUL, a backslash, `~`, a spelled-out
 * `0x2e`, a non-ASCII separator or dot, a system directory or server tree next to a `/`, or a
 * secret file name. URLs, dates, versions, user agents (`Windows NT`) and prose have none of
 * them. `mask` is `charMask(value)`.
 */
export function mayContainPathAttack(value: string, mask: number): boolean {
  if (value.length < 2 || (mask & (C_DOT | C_SLASH | C_BSL | C_COLON | C_NUL | C_NONASCII)) === 0) return false;
  if ((mask & (C_NUL | C_BSL | C_NONASCII | C_TILDE)) !== 0) return true;
  const n = value.length;
  if ((mask & (C_SLASH | C_COLON)) === 0) {
    // No separator: only `..`, a spelled-out `0x2e`, or the whole (trimmed) value naming a secret
    // file (`.env`, `boot.ini`) can matter; inner names are not paths (see the bare-name branch).
    let start = 0;
    let end = n;
    while (start < end && isAsciiBlank(value.charCodeAt(start))) start++;
    while (end > start && isAsciiBlank(value.charCodeAt(end - 1))) end--;
    if (codeAt(value, start) === 46 || pathWord(PATH_FILES, value, start, end)) return true;
    for (let i = value.indexOf('.'); i >= 0; i = value.indexOf('.', i + 1)) if (codeAt(value, i + 1) === 46) return true;
    for (let i = value.indexOf('0'); i >= 0; i = value.indexOf('0', i + 1)) if (lowerCode(codeAt(value, i + 1)) === 120) return true;
    return false;
  }
  // One pass; each piece's lower-case hash is kept as it is read (and the hash before a trailing
  // run of digits), and only a hash the path words may have is compared.
  let start = 0;
  let h = HASH_SEED;
  let digitHash = 0;
  let digitAt = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 47;
    if (c === 46) {
      if (i === start || (i + 1 < n && value.charCodeAt(i + 1) === 46)) return true;
    } else if (c === 58) {
      if (i >= 1 && isAsciiLetter(value.charCodeAt(i - 1)) && (i === 1 || !isAsciiAlnum(value.charCodeAt(i - 2)))) return true;
      if (i >= 4 && lowerCode(value.charCodeAt(i - 4)) === 102 && lowerCode(value.charCodeAt(i - 3)) === 105 && lowerCode(value.charCodeAt(i - 2)) === 108 && lowerCode(value.charCodeAt(i - 1)) === 101) return true;
    } else if (c === 48 && i + 1 < n && lowerCode(value.charCodeAt(i + 1)) === 120) {
      return true;
    }
    if (i === n || (c < 128 && PIECE_BREAK[c] === 1)) {
      const len = i - start;
      const digitLen = digitAt > start ? digitAt - start : 0;
      if (len >= 2) {
        if (mayBePathWord(PATH_FILES, h, len, digitHash, digitLen) && pathWord(PATH_FILES, value, start, i)) return true;
        const slashed = (i < n && c === 47) || (start > 0 && value.charCodeAt(start - 1) === 47);
        if (slashed && mayBePathWord(PATH_DIRECTORIES, h, len, digitHash, digitLen) && pathWord(PATH_DIRECTORIES, value, start, i)) return true;
      }
      start = i + 1;
      h = HASH_SEED;
      digitAt = -1;
      continue;
    }
    if (c >= 48 && c <= 57) {
      if (digitAt < 0) {
        digitAt = i;
        digitHash = h;
      }
    } else {
      digitAt = -1;
    }
    h = hashStep(h, c);
  }
  return false;
}

export function detectLfi(value: string, options: PathOptions = {}): Finding | undefined {
  if (value.length < 2 || !PATH_SIGNAL.test(value)) return undefined;
  if (!SEPARATOR_SIGNAL.test(value)) {
    const name = value.trim();
    return SECRET_FILES.test(name) && (/^\.\w/.test(name) || /\.(?:ini|sys|conf|cnf)$/i.test(name)) ? { rule: 'lfi.secret-file', at: 0 } : undefined;
  }
  const { path, nul } = normalisePath(value);
  // `..` as a whole segment, or the `....//` and `..../` forms that survive naive stripping
  if (/(?:^|\/)\.{2,}(?:\/|$)/.test(path) && path.includes('/')) return { rule: 'lfi.traversal', at: 0 };
  if (/^\.{2,}$/.test(path.trim())) return { rule: 'lfi.traversal', at: 0 };
  if (/(?:^|\/)\.{2,}\/?$/.test(path) && /\.\.[/]/.test(path)) return { rule: 'lfi.traversal', at: 0 };
  for (const raw of candidates(path)) {
    if (!raw.includes('/') && !raw.includes(':') && !raw.startsWith('.') && !raw.startsWith('~')) {
      // no directory part: only a bare secret-file name (`boot.ini`, `php.ini`) can matter
      if (/\.(?:ini|sys|conf|cnf)$/i.test(raw) && SECRET_FILES.test(raw)) return { rule: 'lfi.secret-file', at: 0 };
      continue;
    }
    let part = raw.replace(/^file:\/*/i, '/').replace(/^[a-z]:\/?/i, '/');
    const isDrive = /^[a-z]:/i.test(raw);
    const isAbsolute = part.startsWith('/') || part.startsWith('~/');
    const sensitive = SENSITIVE_PAIRS.exec(part);
    if (sensitive && (isAbsolute || sensitive.index > 0 || /^(?:etc|proc|windows|winnt)\//i.test(part) || options.urlPath)) return { rule: 'lfi.system-file', at: 0 };
    if (SECRET_FILES.test(part.replace(/\/+$/, '')) && (part.includes('/') || /^\.\w/.test(part) || /\.(?:ini|sys|conf|cnf)$/i.test(part))) return { rule: 'lfi.secret-file', at: 0 };
    if (isAbsolute && !options.urlPath) {
      part = part.replace(/^~/, '');
      const root = part.split('/').filter(Boolean)[0]?.toLowerCase() ?? '';
      if (SYSTEM_ROOTS.has(root) && part.split('/').filter(Boolean).length >= 2) return { rule: 'lfi.absolute-path', at: 0 };
    }
    if ((isAbsolute || isDrive) && SERVER_DIRS.test(part) && part.split('/').filter(Boolean).length >= 2) return { rule: 'lfi.server-file', at: 0 };
    if (isDrive && /^\/(?:windows|winnt|system32|inetsrv|boot\.ini|users\/[^/]+\/(?:appdata|ntuser))/i.test(part)) return { rule: 'lfi.system-file', at: 0 };
    // hidden files and folders (`/.env`, `/.git/config`, `/.ssh/`): never meant to be served
    if ((isAbsolute || part.includes('/')) && /(?:^|\/)\.(?!well-known(?:\/|$))[A-Za-z_][\w.-]*(?:\/|$)/.test(part)) return { rule: 'lfi.hidden-file', at: 0 };
  }
  if (nul && /[/.]/.test(path)) return { rule: 'lfi.null-byte', at: 0 };
  return undefined;
}
