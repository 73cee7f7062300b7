// Stands in for the `brotli` package in the archive task's bundle (infra/constructs/archive-bundling.ts):
// fontkit needs it only for WOFF2 fonts, and the archive embeds a TrueType font, so its 480 KB stay out.
export default function decompress() {
  throw new Error('WOFF2 fonts are not supported in this bundle: use a TrueType font');
}
