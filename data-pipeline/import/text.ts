/** Text decoding for attribute data from Chinese sources: UTF-8 (with or without BOM), GBK/GB18030, or a named code page. */
import iconv from 'iconv-lite';
import { ParseError } from './errors.ts';

/**
 * Normalise an encoding name from a user, a .cpg file or a DBF language driver:
 * '936', 'CP936', 'GBK', 'GB2312', 'GB18030' → 'gb18030' (a superset of GBK and GB2312);
 * '65001', 'UTF-8', 'UTF8' → 'utf-8'; other names iconv-lite knows pass through.
 */
export function normaliseEncoding(name: string): string | undefined {
  const s = name.trim().toLowerCase().replace(/[\s_]/g, '');
  if (!s) return undefined;
  if (['936', 'cp936', 'gbk', 'gb2312', 'gb18030', 'ansi936', 'euc-cn', 'euccn', 'chinese', 'windows-936'].includes(s)) return 'gb18030';
  if (['65001', 'utf-8', 'utf8', 'unicode'].includes(s)) return 'utf-8';
  if (s === '950' || s === 'big5') return 'big5';
  if (/^\d+$/.test(s) && iconv.encodingExists(`cp${s}`)) return `cp${s}`;
  return iconv.encodingExists(s) ? s : undefined;
}

/** True if the bytes are well-formed UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decode text: `encoding` if given; else UTF-8 when there is a BOM or the bytes are valid UTF-8;
 * else GB18030 (GBK) — the usual case for files from Chinese Windows software.
 */
export function decodeText(bytes: Uint8Array, encoding?: string): { text: string; encoding: string } {
  if (encoding) {
    const enc = normaliseEncoding(encoding);
    if (!enc) throw new ParseError(`unknown text encoding "${encoding}"`, 'use --encoding gbk or --encoding utf-8');
    return { text: iconv.decode(Buffer.from(bytes), enc).replace(/^\uFEFF/, ''), encoding: enc };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (isUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
}
