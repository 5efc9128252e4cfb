import { describe, expect, it } from "vitest";
import kk from "~/locales/kk";
import ru from "~/locales/ru";
import { renderDocument } from "./render-document.server";

/** A mobile table like the case list's: every cell repeats its column's label in Cyrillic. */
function CyrillicPage({ words }: { words: string[] }) {
  return (
    <html lang="ru">
      <body>
        <table>
          <tbody>
            {Array.from({ length: 120 }, (_, row) => (
              <tr key={row}>
                {words.map((word, column) => (
                  <td key={column} data-label={word}>
                    {`${word} ${row}`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </body>
    </html>
  );
}

/** The bytes the response sends, as the server hands the rendered document to it. */
async function bytesOf(
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>,
): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** Strings of a translation, flattened: a realistic mix of word lengths in one language. */
function wordsOf(translation: object): string[] {
  const words: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") words.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(translation);
  return words.filter((word) => /[а-яёәіңғүұқөһ]/i.test(word)).slice(0, 40);
}

describe.each([
  ["streamed (a page with deferred data)", true],
  ["rendered whole", false],
])("renderDocument, %s", (_, streaming) => {
  for (const [language, translation] of [
    ["ru", ru],
    ["kk", kk],
  ] as const) {
    // Shifting the text by one to eight ASCII letters moves every 2 KiB boundary
    // across the two bytes of some Cyrillic letter.
    it(`sends ${language} pages as valid UTF-8 without a single NUL byte`, async () => {
      const words = wordsOf(translation);
      for (let shift = 0; shift < 8; shift++) {
        const shifted = ["x".repeat(shift + 1), "Работодатель", "Жұмыс беруші", ...words];
        const bytes = await bytesOf(
          await renderDocument(<CyrillicPage words={shifted} />, {
            streaming,
            waitForAll: true,
            abortDelay: 5_000,
            onError: (error) => {
              throw error;
            },
          }),
        );
        expect(bytes.length).toBeGreaterThan(100_000);
        expect(bytes.indexOf(0), `NUL at shift ${shift}`).toBe(-1);
        const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        expect(text).toContain('data-label="Работодатель"');
      }
    });
  }
});
