import { documentTypeVerdict } from './document-types';

describe('documentTypeVerdict', () => {
  it.each([
    ['application/pdf', 'pdf'],
    ['image/png', 'png'],
    ['image/jpeg', 'jpg'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ])('accepts %s as .%s', (mime, ext) => {
    expect(documentTypeVerdict({ mime })).toEqual({ ok: true, contentType: mime, extension: ext });
  });

  it.each([
    'application/x-msdownload',
    'application/x-elf',
    'application/x-mach-binary',
    'application/zip',
    'application/x-7z-compressed',
    'application/gzip',
    'application/x-tar',
    'application/x-rar-compressed',
    'application/x-cfb',
    'application/java-archive',
    'text/html',
    'image/svg+xml',
  ])('refuses %s', (mime) => {
    expect(documentTypeVerdict({ mime })).toEqual({ ok: false, detected: mime });
  });

  it('refuses bytes nothing recognises', () => {
    expect(documentTypeVerdict(undefined)).toEqual({ ok: false, detected: null });
  });
});
