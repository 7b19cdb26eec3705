// Go's encoding/json output as `docker trust inspect` prints it: json.Marshal (HTML-escaping <, >, &
// and U+2028/U+2029) then json.Indent with four spaces, plus a trailing newline.

export function goJsonIndent(value: unknown): string {
  const text = JSON.stringify(value, null, 4) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
