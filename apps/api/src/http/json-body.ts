import { RequestValidationError } from './validation';

/** Our bodies nest three levels deep at most; far deeper input is an attack, not a request. */
export const maxJsonDepth = 32;

/**
 * A request body as JSON, held to the rules every field shares: no key twice
 * in one object (JSON.parse would keep the last silently, and two parsers may
 * disagree on which), no NUL character and no lone surrogate in any string or
 * key (PostgreSQL refuses the one, validators and encoders throw on the
 * other), no prototype keys (`__proto__`, `constructor.prototype`), and no nesting deeper than `maxJsonDepth`. A refusal names the
 * path of the offending value. Syntax errors are JSON.parse's.
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RequestValidationError([{ path: '(body)', message: `the body is not valid JSON: ${(error as Error).message}` }]);
  }
  checkValues(value);
  checkDuplicateKeys(text);
  return value;
}

/** Walks the parsed value without recursion, so that depth cannot overflow the stack before it is refused. */
function checkValues(root: unknown): void {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') checkText(value, path || '(body)');
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxJsonDepth) refuse(path || '(body)', `nests deeper than ${maxJsonDepth} levels`);
    if (Array.isArray(value)) {
      value.forEach((member, i) => pending.push({ value: member, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, member] of Object.entries(value)) {
      const memberPath = path ? `${path}.${key}` : key;
      checkText(key, memberPath);
      // Prototype poisoning, as secure-json-parse refuses it: such a key would reach objects built from the body.
      if (key === '__proto__' || (key === 'constructor' && member !== null && typeof member === 'object' && 'prototype' in member)) {
        refuse(memberPath, 'is not a field anywhere: a prototype key is refused');
      }
      pending.push({ value: member, path: memberPath, depth: depth + 1 });
    }
  }
}

function checkText(text: string, path: string): void {
  if (text.includes('\u0000')) refuse(path, 'must not contain the NUL character (U+0000)');
  if (!text.isWellFormed()) refuse(path, 'must not contain a lone surrogate (invalid UTF-16)');
}

/**
 * Scans the text once for a key repeated within one object. Strings are
 * skipped by their quotes; only keys with escapes are decoded.
 */
function checkDuplicateKeys(text: string): void {
  /** Open objects and arrays; `member` is the path of the value being read in each. */
  const open: { keys?: Set<string>; index: number; path: string; member: string }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = open[open.length - 1];
    if (c === 0x22 /* " */) {
      const end = closingQuote(text, i);
      if (expectKey && top?.keys) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        top.member = top.path ? `${top.path}.${key}` : key;
        if (top.keys.has(key)) refuse(top.member, 'is given twice in one object');
        top.keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      const path = top?.member ?? '';
      open.push({ keys: new Set(), index: -1, path, member: path });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      const path = top?.member ?? '';
      open.push({ index: 0, path, member: `${path}[0]` });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */ && top) {
      if (top.keys) expectKey = true;
      else top.member = `${top.path}[${++top.index}]`;
    }
  }
}

/** The index of the quote that closes the string opening at `start` (JSON.parse has checked the syntax). */
function closingQuote(text: string, start: number): number {
  for (let i = start + 1; ; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
}

function refuse(path: string, message: string): never {
  throw new RequestValidationError([{ path, message: `${path} ${message}` }]);
}
