/**
 * Where things are in a JSON text: the line and column of a feed problem's path, and of the
 * first syntax error. Lines and columns count from 1, columns in characters as editors show them.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export interface Position {
  line: number;
  column: number;
}

/** `tools[1].url` → `['tools', 1, 'url']`; `feed` (the root) → `[]`. */
export function pathSegments(path: string): (string | number)[] {
  if (path === 'feed') return [];
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|\.?([^.[]+)/g)) {
    segments.push(match[1] !== undefined ? Number(match[1]) : match[2]);
  }
  return segments;
}

/** Maps offsets of one text to positions. */
export class JsonText {
  private readonly lineStarts: number[] = [0];
  private tree: Node | undefined;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n') this.lineStarts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }

  /**
   * The first syntax error as JSON.parse sees it, located. Strict JSON: comments and trailing
   * commas are errors, as they are for the widget.
   */
  syntaxError(): (Position & { message: string }) | undefined {
    try {
      JSON.parse(this.text);
      return undefined;
    } catch (error) {
      const errors: ParseError[] = [];
      parseTree(this.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
      const first = errors[0];
      if (first) return { ...this.positionAt(first.offset), message: describeSyntaxError(printParseErrorCode(first.error)) };
      // Rare disagreements (a raw control character in a string, say): trust JSON.parse's words.
      return { line: 1, column: 1, message: (error as Error).message };
    }
  }

  /**
   * Where a problem's path points: the value at that path or, for a missing property, the object
   * that should hold it.
   */
  positionOf(path: string): Position {
    this.tree ??= parseTree(this.text, [], { disallowComments: true, allowTrailingComma: false });
    if (!this.tree) return { line: 1, column: 1 };
    const segments = pathSegments(path);
    for (let length = segments.length; length >= 0; length--) {
      const node = findNodeAtLocation(this.tree, segments.slice(0, length));
      if (node) {
        // A property's value: point at its key, where a reader looks for it.
        const at = length === segments.length && node.parent?.type === 'property' ? node.parent : node;
        return this.positionAt(at.offset);
      }
    }
    return this.positionAt(this.tree.offset);
  }
}

const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes (trailing commas are not allowed)',
  ValueExpected: 'expected a value (trailing commas are not allowed)',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between items',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the list',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'control character inside a string (escape it, e.g. \\n)',
};

function describeSyntaxError(code: string): string {
  return `not valid JSON: ${SYNTAX_WORDS[code] ?? code}`;
}
