/**
 * JSON.parse, except that every number is kept as its exact source text: `"qty": 0.1` becomes the
 * string "0.1", never the binary float 0.1000000000000000055... Money must not pass through
 * floats, and Alpaca clients send both `"qty": "10"` and `"qty": 10`.
 */
export function parseJsonKeepingNumbers(text: string): unknown {
  const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y; // sticky: matches exactly at lastIndex
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (inString) {
      out += char;
      if (char === '\\') out += text[++i] ?? '';
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number && (char === '-' || (char >= '0' && char <= '9'))) {
      out += `"${number[0]}"`;
      i += number[0].length - 1;
      continue;
    }
    out += char;
  }
  return JSON.parse(out);
}
