/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes (so a
 * string holding `</script>` or `<!--` cannot end or confuse the block) and so do U+2028/U+2029.
 * `JSON.parse(el.textContent)` gives the value back unchanged.
 */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * JavaScript source made safe to inline in a `<script>` element: `</script` and `<!--` (which the
 * HTML parser acts on even inside JS strings) get a backslash that JS ignores inside strings,
 * template literals and regular expressions, the only places minified library code holds them.
 */
export function inlineScriptSource(source: string): string {
  return source.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
