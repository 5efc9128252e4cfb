// Plain text as typed, with line breaks kept and http(s) links made clickable.
// Everything else is text: React escapes it, and only http(s) URLs become hrefs.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

export function LinkedText({ text }: { text: string }) {
  const parts: Array<string | { href: string }> = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    parts.push(text.slice(last, match.index), { href: match[0] });
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return (
    <p className="account-text">
      {parts.map((part, i) =>
        typeof part === "string" ? (
          part
        ) : (
          <a key={i} href={part.href} rel="noopener noreferrer nofollow" target="_blank">
            {part.href}
          </a>
        ),
      )}
    </p>
  );
}
