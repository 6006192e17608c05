import { SaxesParser } from 'saxes';
import { AppError } from '../../../errors/app-error.js';

// saxes is a strict, non-validating parser: it expands only the five
// predefined and the numeric character references and never reads a DTD. A
// DOCTYPE is still rejected outright, so no entity declaration (billion
// laughs, external entities) is ever accepted, even unexpanded.

/** An element with its children; `text` joins the element's own text and CDATA nodes, trimmed. */
export interface XmlElement {
  /** Local name, without a namespace prefix. */
  name: string;
  children: XmlElement[];
  text: string;
}

/** Largest XML document of a device, alone or as the XML part of a multipart post: an ANPR notification is a few kilobytes. */
export const XML_MAX_BYTES = 64 * 1024;
export const XML_MAX_DEPTH = 32;
export const XML_MAX_ELEMENTS = 5_000;
const PREDEFINED: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

interface OpenElement {
  element: XmlElement;
  texts: string[];
}

function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.indexOf(':') + 1);
}

/** Parses an XML document, or throws a GATE_EVENT_XML_* error naming the line and the problem. */
export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: OpenElement[] = [];
  let root: XmlElement | null = null;
  let elementCount = 0;
  let lastClosedName = '';

  // saxes calls the handlers synchronously from write() and close(), so an error thrown here stops the parse at once.
  parser.on('error', (error) => {
    // saxes writes "line:column: problem." and the locale message has its own position.
    const problem = error.message.replace(/^\d+:\d+:\s*/, '').replace(/\.$/, '');
    // On a mismatched close tag saxes has just closed the element left open, so that one is named.
    const open = stack.at(-1);
    const detail =
      problem === 'unexpected close tag'
        ? `${problem}: <${lastClosedName}> is not closed`
        : open
          ? `${problem} (inside <${open.element.name}>)`
          : problem;
    throw new AppError('GATE_EVENT_XML_INVALID', undefined, { line: parser.line, column: parser.column, detail });
  });
  parser.on('doctype', () => {
    throw new AppError('GATE_EVENT_XML_DOCTYPE', undefined, { line: parser.line });
  });
  parser.on('opentag', (tag) => {
    elementCount += 1;
    if (elementCount > XML_MAX_ELEMENTS)
      throw new AppError('GATE_EVENT_XML_TOO_MANY_ELEMENTS', undefined, { line: parser.line, limit: XML_MAX_ELEMENTS });
    if (stack.length + 1 > XML_MAX_DEPTH)
      throw new AppError('GATE_EVENT_XML_TOO_DEEP', undefined, { line: parser.line, limit: XML_MAX_DEPTH });

    const element: XmlElement = { name: localName(tag.name), children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.element.children.push(element);
    else root = element;
    stack.push({ element, texts: [] });
  });
  const appendText = (text: string) => stack.at(-1)?.texts.push(text);
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', (tag) => {
    lastClosedName = localName(tag.name);
    const closed = stack.pop();
    if (closed) closed.element.text = closed.texts.join('').trim();
  });

  parser.write(source.replace(/^\uFEFF/, '')).close();
  if (!root) throw new AppError('GATE_EVENT_XML_INVALID', undefined, { line: 1, column: 0, detail: 'no root element' });
  return root;
}

/** First child element with the local name, or undefined. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** Text of the child found by a path of local names, or null when absent or empty. */
export function textAt(element: XmlElement, path: readonly string[]): string | null {
  let current: XmlElement | undefined = element;
  for (const name of path) {
    current = current ? childOf(current, name) : undefined;
  }
  return current && current.text !== '' ? current.text : null;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => PREDEFINED[char] ?? char);
}
