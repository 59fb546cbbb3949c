/**
 * The file name a `Content-Disposition` header gives: the UTF-8 `filename*` (RFC 5987) when present, else the plain
 * `filename`. Undefined when there is none or it is unreadable; path parts are dropped.
 */
export function fileNameOf(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = undefined;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(header);
    name = plain?.[1] ?? plain?.[2];
  }
  const base = name?.split(/[/\\]/).pop()?.trim();
  return base ? base : undefined;
}
