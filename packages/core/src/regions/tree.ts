import { normalizeRegionCode } from './codes.js';
import { compareParentFirst, currentDivisionRecords } from './divisions.js';
import { displayPathNames, type RegionRecord } from './record.js';

const DEFAULT_SEARCH_LIMIT = 20;

/**
 * Maximum length of a search text. Codes and the names in the division tables
 * are shorter (the longest name in data/regions has 33 characters), so a
 * longer text cannot match and is not compared with every record.
 */
const MAX_SEARCH_LENGTH = 64;

/**
 * An in-memory region tree. Lookups take any code form that
 * normalizeRegionCode accepts. A record whose parent is not in the tree is a
 * root, so a tree may hold one city without its province.
 */
export class RegionTree {
  readonly #records = new Map<string, RegionRecord>();
  readonly #children = new Map<string, RegionRecord[]>();
  #searchOrder: RegionRecord[] | undefined;

  /** Throws when two records share a code, because that is a data build error and not user input. */
  constructor(records: Iterable<RegionRecord>) {
    for (const record of records) {
      if (this.#records.has(record.code)) throw new Error(`duplicate region code ${record.code}`);
      this.#records.set(record.code, record);
    }

    for (const record of this.#records.values()) {
      if (record.parentCode === null || !this.#records.has(record.parentCode)) continue;
      const siblings = this.#children.get(record.parentCode) ?? [];
      siblings.push(record);
      this.#children.set(record.parentCode, siblings);
    }
    for (const siblings of this.#children.values()) siblings.sort(compareParentFirst);
  }

  get size(): number {
    return this.#records.size;
  }

  get(code: string): RegionRecord | undefined {
    const canonical = normalizeRegionCode(code);
    return canonical === undefined ? undefined : this.#records.get(canonical);
  }

  /** Records from the root down to the region itself; empty when the code is not in the tree. */
  pathOf(code: string): RegionRecord[] {
    const path: RegionRecord[] = [];
    for (let record = this.get(code); record !== undefined; record = this.#parentOf(record)) {
      path.unshift(record);
    }
    return path;
  }

  /** Names from the root down to the region, without grouping units such as 市辖区 above it. */
  pathNamesOf(code: string): string[] {
    const path = this.pathOf(code);
    const self = path.pop();
    if (self === undefined) return [];
    return displayPathNames(
      path.map((record) => record.name),
      self.name,
    );
  }

  /** Direct children sorted by code; empty for a leaf or an unknown code. */
  childrenOf(code: string): RegionRecord[] {
    const record = this.get(code);
    return record === undefined ? [] : [...(this.#children.get(record.code) ?? [])];
  }

  /** Tells whether the region is the ancestor or one of its descendants, following the tree's parent links. */
  isInside(code: string, ancestorCode: string): boolean {
    const ancestor = this.get(ancestorCode);
    if (ancestor === undefined) return false;
    return this.pathOf(code).some((record) => record.code === ancestor.code);
  }

  /** Lists the region and every descendant, parents before children. Empty for an unknown code. */
  subtreeOf(code: string): RegionRecord[] {
    const root = this.get(code);
    if (root === undefined) return [];

    const subtree: RegionRecord[] = [];
    const pending = [root];
    for (let record = pending.pop(); record !== undefined; record = pending.pop()) {
      subtree.push(record);
      pending.push(...(this.#children.get(record.code) ?? []));
    }
    return subtree.sort(compareParentFirst);
  }

  /**
   * Finds regions whose code starts with `text` (when it is all digits) or
   * whose name contains it, higher levels first, then by code. Scans the
   * records in that order until `limit` matches are found, so a query with
   * few matches reads the whole tree. Returns nothing for a text that is not
   * a string, is blank or is longer than 64 characters, and for a limit that
   * is not a positive number.
   */
  search(text: string, limit = DEFAULT_SEARCH_LIMIT): RegionRecord[] {
    if (typeof text !== 'string' || text.length > MAX_SEARCH_LENGTH) return [];
    if (typeof limit !== 'number' || !(limit > 0)) return [];
    const query = text.trim();
    if (query === '') return [];

    const matches = /^\d+$/.test(query)
      ? (record: RegionRecord) => record.code.startsWith(query)
      : (record: RegionRecord) => record.name.includes(query);

    const found: RegionRecord[] = [];
    for (const record of this.#recordsInSearchOrder()) {
      if (!matches(record)) continue;
      found.push(record);
      if (found.length >= limit) break;
    }
    return found;
  }

  #parentOf(record: RegionRecord): RegionRecord | undefined {
    return record.parentCode === null ? undefined : this.#records.get(record.parentCode);
  }

  #recordsInSearchOrder(): RegionRecord[] {
    this.#searchOrder ??= [...this.#records.values()].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || compareParentFirst(a, b));
    return this.#searchOrder;
  }
}

const LEVEL_RANK: Record<RegionRecord['level'], number> = {
  province: 0,
  city: 1,
  county: 2,
  subdistrict: 3,
  community: 4,
};

/** Builds a tree of the current provinces, cities and counties built into core. */
export function buildCountyTree(): RegionTree {
  return new RegionTree(currentDivisionRecords());
}
