import { AppError } from '../../errors/app-error.js';

export interface XmlShapeLimits {
  maxDepth: number;
  maxTokenBytes: number;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const DOCTYPE = Buffer.from('DOCTYPE', 'latin1');

const enum State {
  Text,
  AfterLt,
  StartTag,
  Quoted,
  EndTag,
  Declaration,
  Instruction,
}

/**
 * Checks the shape of an XML part as its bytes stream past, before the
 * reader parses it. Its SAX parser keeps an object for each open element and
 * one string for each text node, comment or tag, so a small compressed file
 * with a million nested elements or one 200 MB text node costs gigabytes.
 * The scanner rejects a part that nests deeper or has a longer token than the
 * limits, and any part with a DOCTYPE: spreadsheet programs write none, and a
 * DTD is where entity expansion (billion laughs) and external entities live.
 *
 * It reads markup loosely: a '<' inside a comment or CDATA counts as a tag.
 * That can only overcount depth and reject a crafted file, never let a real
 * nesting through, because the scanner leaves a comment at its first '>'.
 */
export class XmlShapeScanner {
  private state = State.Text;
  private depth = 0;
  private tokenBytes = 0;
  private quote = 0;
  private previous = 0;
  private declarationBytes = 0;
  private doctypeMatched = 0;

  constructor(private readonly limits: XmlShapeLimits) {}

  push(chunk: Buffer): void {
    for (const byte of chunk) {
      this.tokenBytes += 1;
      if (this.tokenBytes > this.limits.maxTokenBytes) throw new AppError('IMPORT_ZIP_TOO_LARGE', 'file');
      this.step(byte);
      this.previous = byte;
    }
  }

  private step(byte: number): void {
    switch (this.state) {
      case State.Text:
        if (byte === LT) this.enter(State.AfterLt);
        return;
      case State.AfterLt:
        if (byte === SLASH) this.state = State.EndTag;
        else if (byte === BANG) {
          this.state = State.Declaration;
          this.declarationBytes = 0;
          this.doctypeMatched = 0;
        } else if (byte === QUESTION) this.state = State.Instruction;
        else {
          this.depth += 1;
          if (this.depth > this.limits.maxDepth) throw new AppError('IMPORT_ZIP_TOO_LARGE', 'file');
          this.state = State.StartTag;
        }
        return;
      case State.StartTag:
        if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) {
          this.quote = byte;
          this.state = State.Quoted;
        } else if (byte === GT) {
          if (this.previous === SLASH) this.depth -= 1;
          this.enter(State.Text);
        }
        return;
      case State.Quoted:
        if (byte === this.quote) this.state = State.StartTag;
        return;
      case State.EndTag:
        if (byte === GT) {
          this.depth = Math.max(0, this.depth - 1);
          this.enter(State.Text);
        }
        return;
      case State.Declaration:
        this.checkDoctype(byte);
        if (byte === GT) this.enter(State.Text);
        return;
      case State.Instruction:
        if (byte === GT) this.enter(State.Text);
        return;
    }
  }

  /** Matches the bytes right after "<!" against DOCTYPE, a byte at a time, so a name split across chunks is still found. */
  private checkDoctype(byte: number): void {
    if (
      this.declarationBytes < DOCTYPE.length &&
      this.doctypeMatched === this.declarationBytes &&
      byte === DOCTYPE[this.declarationBytes]
    ) {
      this.doctypeMatched += 1;
      if (this.doctypeMatched === DOCTYPE.length) throw new AppError('IMPORT_ZIP_TOO_LARGE', 'file');
    }
    this.declarationBytes += 1;
  }

  private enter(state: State): void {
    this.state = state;
    this.tokenBytes = 0;
  }
}
