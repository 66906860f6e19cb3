import { echoedName } from './echoed-name.js';

interface ObjectFrame {
  readonly path: string;
  readonly names: Set<string>;
  /** The member whose value comes next, once its name was read. */
  member: string;
  expectsName: boolean;
}

interface ArrayFrame {
  readonly path: string;
  readonly names: undefined;
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The paths (`outcomes[0].summary`) of members named more than once in one object of a
 * JSON text that JSON.parse accepted, which keeps the last value silently (RFC 8259 §4 leaves
 * the meaning of such an object open). Names are compared as JSON.parse reads them, so
 * `"n\u0061me"` is `name`. One pass over the text, with no recursion.
 */
export function repeatedMembersOf(text: string): string[] {
  const repeated: string[] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      let escaped = false;
      for (i = start; text.charCodeAt(i) !== QUOTE; i++) {
        if (text.charCodeAt(i) === BACKSLASH) {
          escaped = true;
          i++;
        }
      }
      const top = stack[stack.length - 1];
      if (top?.names !== undefined && top.expectsName) {
        const raw = text.slice(start, i);
        const name = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.names.has(name)) repeated.push(join(top.path, name));
        else top.names.add(name);
        top.member = name;
        top.expectsName = false;
      }
    } else if (c === 0x7b) {
      stack.push({ path: valuePath(stack), names: new Set(), member: '', expectsName: true });
    } else if (c === 0x5b) {
      stack.push({ path: valuePath(stack), names: undefined, index: 0 });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top.names === undefined) top.index++;
      else top.expectsName = true;
    }
  }
  return repeated;
}

/** The path of the value that starts now, inside the innermost open object or array. */
function valuePath(stack: readonly Frame[]): string {
  const parent = stack[stack.length - 1];
  if (parent === undefined) return '';
  if (parent.names === undefined) return `${parent.path}[${parent.index}]`;
  return join(parent.path, parent.member);
}

function join(parent: string, member: string): string {
  const name = echoedName(member);
  return parent ? `${parent}.${name}` : name;
}
