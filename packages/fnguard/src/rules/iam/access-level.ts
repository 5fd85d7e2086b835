/**
 * A deliberately small access-level classifier based on the verb that starts an action name.
 * It answers `unknown` rather than guess, so rules built on it stay precise; a catalogue-based
 * classifier (src/analyzers/iam) can replace it behind the same signature.
 */
export type AccessLevel = 'read' | 'list' | 'write' | 'permissions' | 'tagging' | 'unknown';

const PERMISSIONS_VERBS = ['passrole', 'attach', 'detach', 'putrolepolicy', 'putuserpolicy', 'putgrouppolicy', 'createpolicy', 'createpolicyversion', 'setdefaultpolicyversion', 'putbucketpolicy', 'putbucketacl', 'putobjectacl', 'addpermission', 'removepermission', 'creategrant', 'putkeypolicy', 'updateassumerolepolicy', 'setqueueattributes', 'puteventsresourcepolicy'];
const TAGGING_VERBS = ['tagresource', 'untagresource', 'tag', 'untag'];
const LIST_VERBS = ['list'];
const READ_VERBS = ['get', 'describe', 'batchget', 'query', 'scan', 'select', 'search', 'lookup', 'view', 'filter', 'check', 'validate', 'receive', 'read', 'retrieve'];
const WRITE_VERBS = ['put', 'create', 'delete', 'update', 'add', 'remove', 'set', 'modify', 'start', 'stop', 'invoke', 'send', 'publish', 'write', 'upload', 'enable', 'disable', 'reset', 'restore', 'run', 'terminate', 'reboot', 'associate', 'disassociate', 'replace', 'register', 'deregister', 'import', 'execute', 'batchwrite', 'batchdelete', 'change', 'copy', 'cancel', 'complete', 'abort', 'apply', 'assume', 'encrypt', 'decrypt', 'generatedatakey', 'reencrypt', 'sign', 'purge', 'transact', 'partiqlinsert', 'partiqlupdate', 'partiqldelete', 'increase', 'decrease', 'merge', 'rotate', 'schedule', 'signal', 'submit', 'post', 'unlock', 'lock', 'attach', 'detach', 'release', 'allocate', 'assign', 'unassign', 'revoke', 'authorize', 'deploy', 'redrive', 'flush', 'commit', 'rollback', 'batch'];

function startsWithAny(verb: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => verb.startsWith(prefix));
}

export function classifyAction(action: string): AccessLevel {
  const separator = action.indexOf(':');
  if (separator < 0) return 'unknown';
  const verb = action.slice(separator + 1).toLowerCase();
  if (verb === '' || verb === '*') return 'unknown';
  if (startsWithAny(verb, PERMISSIONS_VERBS)) return 'permissions';
  if (TAGGING_VERBS.includes(verb.replace(/\*$/, ''))) return 'tagging';
  if (startsWithAny(verb, LIST_VERBS)) return 'list';
  if (startsWithAny(verb, READ_VERBS)) return 'read';
  if (startsWithAny(verb, WRITE_VERBS)) return 'write';
  return 'unknown';
}

export function isWriteLevel(level: AccessLevel): boolean {
  return level === 'write' || level === 'permissions';
}
