// A reader for the small YAML subset electron-builder.yml is written in (no YAML library is installed): block maps,
// block sequences of scalars or maps, plain / double-quoted scalars, full-line comments. Anything else throws, so the
// config cannot drift into syntax this reader would silently misread.

interface Line {
  indent: number;
  text: string;
  no: number;
}

function scalar(raw: string, no: number): unknown {
  const s = raw.trim();
  if (s.startsWith('"')) return JSON.parse(s) as unknown;
  if (/^['{[&*!|>]/.test(s) || / #/.test(s)) throw new Error(`line ${no}: unsupported YAML: ${s}`);
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

const KEY = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/;

function block(lines: Line[], start: number, indent: number): [unknown, number] {
  const first = lines[start];
  if (!first || first.indent !== indent) throw new Error(`line ${first?.no ?? 'EOF'}: expected indent ${indent}`);
  if (first.text.startsWith('- ')) {
    const out: unknown[] = [];
    let i = start;
    while (i < lines.length && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) {
      const l = lines[i]!;
      const rest = l.text.slice(2);
      if (KEY.test(rest)) {
        // "- key: value" opens a map whose other keys sit two columns further in.
        const [value, next] = block([{ indent: indent + 2, text: rest, no: l.no }, ...lines.slice(i + 1)], 0, indent + 2);
        out.push(value);
        i += next;
      } else {
        out.push(scalar(rest, l.no));
        i += 1;
      }
    }
    return [out, i];
  }
  const out: Record<string, unknown> = {};
  let i = start;
  while (i < lines.length && lines[i]!.indent === indent) {
    const l = lines[i]!;
    const m = KEY.exec(l.text);
    if (!m) throw new Error(`line ${l.no}: expected "key:" but got ${l.text}`);
    const [, key, value] = m;
    if (value !== undefined && value !== '') {
      out[key!] = scalar(value, l.no);
      i += 1;
    } else {
      const child = lines[i + 1];
      if (!child || child.indent < indent || (child.indent === indent && !child.text.startsWith('- '))) {
        throw new Error(`line ${l.no}: "${key}" has no value`);
      }
      const [v, next] = block(lines, i + 1, child.indent);
      out[key!] = v;
      i = next;
    }
  }
  if (i < lines.length && lines[i]!.indent > indent) throw new Error(`line ${lines[i]!.no}: unexpected indent`);
  return [out, i];
}

export function parseYamlSubset(text: string): unknown {
  const lines: Line[] = [];
  text.split('\n').forEach((raw, n) => {
    if (raw.includes('\t')) throw new Error(`line ${n + 1}: tabs are not YAML indentation`);
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    lines.push({ indent: raw.length - raw.trimStart().length, text: trimmed, no: n + 1 });
  });
  const [value, end] = block(lines, 0, 0);
  if (end !== lines.length) throw new Error(`line ${lines[end]!.no}: not understood`);
  return value;
}
