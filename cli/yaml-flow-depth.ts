/**
 * How deep a YAML text nests flow collections (`[` and `{`), counted without parsing it: the
 * YAML parser recurses, so a file nested deeper than the input limit is refused before it runs.
 * Brackets inside a quoted scalar, or in a comment, are text. A quote opens a quoted scalar only
 * where a scalar may start (a line's start, or after whitespace, `[`, `{` or `,`): in a plain
 * scalar (`name: O'Brien`) it is a letter like any other. Inside one, `''` is a single quote's
 * escape and `\` escapes the next character of a double-quoted one.
 */
export function yamlFlowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  let comment = false;
  let previous = '\n';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (comment) comment = char !== '\n';
    else if (quote === '"' && char === '\\') index += 1;
    else if (quote === "'" && char === "'" && text[index + 1] === "'") index += 1;
    else if (quote) quote = char === quote ? undefined : quote;
    else if (/\s/.test(previous) && char === '#') comment = true;
    else if ((char === '"' || char === "'") && /[\s[{,]/.test(previous)) quote = char;
    else if (char === '[' || char === '{') deepest = Math.max(deepest, (depth += 1));
    else if (char === ']' || char === '}') depth -= 1;
    previous = char;
  }
  return deepest;
}
