import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { localName, unescapeOoxml } from './xlsx-package.js';

/**
 * Parses a shared-strings part: the text of each <si>, in order, with
 * rich-text runs joined and phonetic guides (<rPh>) left out. The stream is
 * decoded with a streaming decoder, which keeps a character that two chunks
 * split whole. checkZipPackage has bounded the part's size before this runs.
 */
export async function readSharedStrings(stream: Readable): Promise<string[]> {
  const strings: string[] = [];
  const parser = new SaxesParser();
  let current: string | null = null;
  let inText = false;
  let phoneticDepth = 0;
  let failure: Error | null = null;

  parser.on('opentag', (node) => {
    const name = localName(node.name);
    if (name === 'si') current = '';
    else if (name === 'rPh') phoneticDepth += 1;
    else if (name === 't' && phoneticDepth === 0) inText = true;
  });
  const appendText = (text: string) => {
    if (inText && current !== null) current += text;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', (node) => {
    const name = localName(node.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') phoneticDepth -= 1;
    else if (name === 'si' && current !== null) {
      strings.push(unescapeOoxml(current));
      current = null;
    }
  });
  parser.on('error', (error) => {
    failure = error;
  });

  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) {
    parser.write(decoder.decode(chunk as Uint8Array, { stream: true }));
    if (failure) throw failure;
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  return strings;
}
