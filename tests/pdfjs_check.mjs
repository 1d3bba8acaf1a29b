// Read PDFs the way Firefox does, with pdf.js, and print what it found as one JSON line per file:
// {"path": ..., "pages": N, "text": "<text of page 1>", "lastText": "<text of the last page>"}
// or {"path": ..., "error": "<message>"} when pdf.js cannot open or parse the file.
// Usage: node tests/pdfjs_check.mjs FILE.pdf [FILE.pdf ...]   (exit 1 if any file failed)
import { readFile } from "node:fs/promises";

// pdf.js only needs these canvas classes to paint; parsing and text extraction never call them. Stubs spare
// the tests a native canvas package (the optional @napi-rs/canvas), which .ci/run does not install.
for (const name of ["DOMMatrix", "ImageData", "Path2D"]) {
  globalThis[name] ??= class {};
}
const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");

async function pageText(pdf, number) {
  const page = await pdf.getPage(number);
  const content = await page.getTextContent();
  // Operators are parsed too, so a broken content stream fails here rather than only in a viewer.
  await page.getOperatorList();
  return content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join("");
}

async function check(path) {
  const data = new Uint8Array(await readFile(path));
  const task = getDocument({ data, verbosity: VerbosityLevel.ERRORS, stopAtErrors: true, isEvalSupported: false });
  const pdf = await task.promise;
  try {
    const text = await pageText(pdf, 1);
    const lastText = pdf.numPages > 1 ? await pageText(pdf, pdf.numPages) : text;
    return { path, pages: pdf.numPages, text, lastText };
  } finally {
    await task.destroy();
  }
}

let failed = false;
for (const path of process.argv.slice(2)) {
  try {
    console.log(JSON.stringify(await check(path)));
  } catch (error) {
    failed = true;
    console.log(JSON.stringify({ path, error: String(error && error.message ? error.message : error) }));
  }
}
process.exit(failed ? 1 : 0);
