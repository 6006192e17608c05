import { AppError } from '../../../errors/app-error.js';

// No XML parser is installed in this repository, and the device formats need
// only elements and text, so this reader covers exactly that: elements,
// attributes (read and dropped), text, CDATA, comments, the XML declaration
// and the five predefined and numeric character references. A DOCTYPE is
// rejected, which also rules out entity expansion attacks.

/** An element with its children; `text` joins the element's own text nodes, trimmed. */
export interface XmlElement {
  /** Local name, without a namespace prefix. */
  name: string;
  children: XmlElement[];
  text: string;
}

const MAX_DEPTH = 32;
const MAX_ELEMENTS = 5_000;
const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlReader {
  private position = 0;
  private elements = 0;

  constructor(private readonly source: string) {}

  fail(detail: string): never {
    const before = this.source.slice(0, this.position);
    const line = before.split('\n').length;
    const column = this.position - before.lastIndexOf('\n');
    throw new AppError('GATE_EVENT_XML_INVALID', undefined, { line, column, detail });
  }

  read(): XmlElement {
    this.skipMisc();
    if (!this.source.startsWith('<', this.position))
      this.fail(this.position >= this.source.length ? 'the body is empty' : 'expected "<" of the root element');
    const root = this.readElement(1);
    this.skipMisc();
    if (this.position < this.source.length) this.fail('unexpected content after the root element');
    return root;
  }

  /** Skips whitespace, the declaration, processing instructions and comments between elements. */
  private skipMisc(): void {
    for (;;) {
      while (this.position < this.source.length && /\s/.test(this.source[this.position] ?? '')) this.position += 1;
      if (this.source.startsWith('<?', this.position)) this.skipPast('?>', 'an unclosed "<?"');
      else if (this.source.startsWith('<!--', this.position)) this.skipPast('-->', 'an unclosed comment');
      else if (this.source.startsWith('<!', this.position)) this.fail('DOCTYPE and other declarations are not allowed');
      else return;
    }
  }

  private skipPast(end: string, problem: string): void {
    const index = this.source.indexOf(end, this.position);
    if (index < 0) this.fail(problem);
    this.position = index + end.length;
  }

  private readName(): string {
    const match = NAME.exec(this.source.slice(this.position, this.position + 200));
    if (!match) this.fail('expected an element or attribute name');
    this.position += match[0].length;
    return match[0];
  }

  private readElement(depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail(`elements are nested more than ${MAX_DEPTH} levels`);
    this.elements += 1;
    if (this.elements > MAX_ELEMENTS) this.fail(`more than ${MAX_ELEMENTS} elements`);

    this.position += 1;
    const qualifiedName = this.readName();
    const element: XmlElement = { name: qualifiedName.split(':').pop() ?? qualifiedName, children: [], text: '' };
    if (this.readAttributes()) return element;

    const texts: string[] = [];
    for (;;) {
      if (this.position >= this.source.length) this.fail(`element <${qualifiedName}> is not closed`);
      if (this.source.startsWith('</', this.position)) {
        this.position += 2;
        const closing = this.readName();
        if (closing !== qualifiedName) this.fail(`</${closing}> closes <${qualifiedName}>`);
        this.skipSpaces();
        if (this.source[this.position] !== '>') this.fail(`expected ">" after </${closing}`);
        this.position += 1;
        element.text = texts.join('').trim();
        return element;
      }
      if (this.source.startsWith('<![CDATA[', this.position)) {
        const end = this.source.indexOf(']]>', this.position);
        if (end < 0) this.fail('an unclosed CDATA section');
        texts.push(this.source.slice(this.position + 9, end));
        this.position = end + 3;
      } else if (this.source.startsWith('<!--', this.position)) {
        this.skipPast('-->', 'an unclosed comment');
      } else if (this.source.startsWith('<?', this.position)) {
        this.skipPast('?>', 'an unclosed "<?"');
      } else if (this.source.startsWith('<!', this.position)) {
        this.fail('DOCTYPE and other declarations are not allowed');
      } else if (this.source[this.position] === '<') {
        element.children.push(this.readElement(depth + 1));
      } else {
        const next = this.source.indexOf('<', this.position);
        const end = next < 0 ? this.source.length : next;
        texts.push(this.decode(this.source.slice(this.position, end)));
        this.position = end;
      }
    }
  }

  /** Reads the attributes up to ">" or "/>"; returns true for an empty element. */
  private readAttributes(): boolean {
    for (;;) {
      const hadSpace = this.skipSpaces();
      const char = this.source[this.position];
      if (char === '>') {
        this.position += 1;
        return false;
      }
      if (char === '/' && this.source[this.position + 1] === '>') {
        this.position += 2;
        return true;
      }
      if (char === undefined) this.fail('an unclosed start tag');
      if (!hadSpace) this.fail('expected a space before an attribute');
      this.readName();
      this.skipSpaces();
      if (this.source[this.position] !== '=') this.fail('expected "=" after an attribute name');
      this.position += 1;
      this.skipSpaces();
      const quote = this.source[this.position];
      if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
      const end = this.source.indexOf(quote, this.position + 1);
      if (end < 0) this.fail('an unclosed attribute value');
      const value = this.source.slice(this.position + 1, end);
      if (value.includes('<')) this.fail('"<" inside an attribute value');
      this.decode(value);
      this.position = end + 1;
    }
  }

  private skipSpaces(): boolean {
    const start = this.position;
    while (/\s/.test(this.source[this.position] ?? '')) this.position += 1;
    return this.position > start;
  }

  private decode(text: string): string {
    return text.replace(/&([^;&\s]{0,10});?/g, (whole, reference: string) => {
      if (!whole.endsWith(';')) this.fail('a bare "&" in text');
      if (reference in PREDEFINED) return PREDEFINED[reference] ?? '';
      const numeric = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(reference);
      const codePoint = numeric
        ? Number.parseInt(reference.startsWith('#x') ? reference.slice(2) : reference.slice(1), reference.startsWith('#x') ? 16 : 10)
        : NaN;
      if (!Number.isInteger(codePoint) || codePoint < 1 || codePoint > 0x10ffff) this.fail(`unknown reference "&${reference};"`);
      return String.fromCodePoint(codePoint);
    });
  }
}

/** Parses an XML document, or throws GATE_EVENT_XML_INVALID naming the line, column and problem. */
export function parseXml(source: string): XmlElement {
  return new XmlReader(source.replace(/^\uFEFF/, '')).read();
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
  return text.replace(/[<>&"']/g, (char) => `&${Object.entries(PREDEFINED).find(([, value]) => value === char)?.[0] ?? 'amp'};`);
}
