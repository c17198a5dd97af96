/**
 * Which uploads are accepted, decided from the file's magic bytes (`file-type`), never its name
 * or the client's Content-Type (pure). Documents of practice: PDF, images, Word (.docx), OpenDocument
 * text and RTF. Everything else — executables, archives, scripts, unknown bytes — is refused.
 * Legacy Word (.doc) is refused too: it is an OLE compound file, which magic bytes cannot tell
 * apart from an .msi installer; save it as .docx or PDF.
 */
export const ALLOWED_DOCUMENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tif',
  'image/heic': 'heic',
  'image/bmp': 'bmp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/rtf': 'rtf',
});

export type DocumentTypeVerdict =
  { ok: true; contentType: string; extension: string } | { ok: false; detected: string | null };

/** The verdict on what `file-type` detected (`undefined` when it recognised nothing). */
export function documentTypeVerdict(detected: { mime: string } | undefined): DocumentTypeVerdict {
  if (!detected) return { ok: false, detected: null };
  const extension = ALLOWED_DOCUMENT_TYPES[detected.mime];
  return extension
    ? { ok: true, contentType: detected.mime, extension }
    : { ok: false, detected: detected.mime };
}
