import { chinaCalendarDate, evaluatePersonRisk, type RiskEntry } from '@cordon/core';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { listRiskRegions } from '../risk-regions/repository.js';
import { toRiskEntry } from '../risk-regions/service.js';
import { createTask } from '../tasks/create.js';
import type { AuditBatch } from './audit-batch.js';
import type { ImportRecord } from './validate.js';

/** Time the community has to visit the rows of an import. */
const VERIFY_DUE_HOURS = 24;

/**
 * The import_verify rule: an arrivals import whose rows name people that
 * someone must visit gets one task for the community. A row needs a visit
 * when it has no address, so the file points at no room or place, or when
 * the person's origin region is on the risk-region list in effect.
 * The task goes to the community staff's role, who hand it to a grid worker.
 */
export class ImportVerifyRule {
  private rows = 0;
  private withoutAddress = 0;
  private fromRiskRegion = 0;

  private constructor(
    private readonly entries: RiskEntry[],
    private readonly at: Date,
  ) {}

  /** Loads the risk-region entries in effect at `at` through the commit's transaction, the one connection SQLite has. */
  static async load(trx: Transaction<Database>, at: Date): Promise<ImportVerifyRule> {
    const rows = await listRiskRegions(trx, { effectiveOn: chinaCalendarDate(at) });
    return new ImportVerifyRule(rows.map(toRiskEntry), at);
  }

  /** Counts the rows of one page that need a visit. A row without an address from a risk region is one row, counted in both figures. */
  count(records: Array<{ record: ImportRecord }>): void {
    for (const { record } of records) {
      if (record.kind !== 'arrivals') continue;
      const withoutAddress = record.roomId === null && record.placeId === null;
      const fromRiskRegion = record.originRegionCode !== null && this.isRiskRegion(record.originRegionCode);
      if (withoutAddress) this.withoutAddress += 1;
      if (fromRiskRegion) this.fromRiskRegion += 1;
      if (withoutAddress || fromRiskRegion) this.rows += 1;
    }
  }

  private isRiskRegion(regionCode: string): boolean {
    return evaluatePersonRisk({ originRegion: regionCode }, this.entries, this.at).length > 0;
  }

  /**
   * Creates the import's task when any counted row needs a visit, in the
   * commit's transaction, and queues its audit entry on the commit's batch.
   * The source key `import:<id>` makes a second run find the first task.
   */
  async createTask(
    trx: Transaction<Database>,
    audit: AuditBatch,
    input: { importId: string; communityCode: string; createdBy: string | null; now: string },
  ) {
    if (this.rows === 0) return null;
    const task = await createTask(
      trx,
      {
        kind: 'import_verify',
        details: { importId: input.importId, rows: this.rows, withoutAddress: this.withoutAddress, fromRiskRegion: this.fromRiskRegion },
        nodeCode: input.communityCode,
        assigneeRole: 'community_staff',
        dueAt: new Date(Date.parse(input.now) + VERIFY_DUE_HOURS * 3_600_000).toISOString(),
        sourceKey: `import:${input.importId}`,
        createdBy: input.createdBy,
      },
      input.now,
    );
    if (task.created) {
      audit.add({
        action: 'task.create',
        entityType: 'task',
        entityId: task.id,
        nodeCode: input.communityCode,
        fields: ['kind', 'details'],
      });
    }
    return task;
  }
}
