import type { PersonTenancies, Tenancy } from '../../api/households.js';
import type { TableColumn } from '../../utils/table.js';

/** A tenancy as a person's file lists it: the person's side of the lease and the party on the other side. */
export interface PersonTenancyRow {
  /** Unique per row, because after a merge one person may be landlord and tenant of the same tenancy. */
  key: string;
  side: 'landlord' | 'tenant';
  otherParty: { id: string; name: string };
  tenancy: Tenancy;
}

export const personTenancyColumns: TableColumn<PersonTenancyRow>[] = [
  { key: 'address', labelKey: 'persons.tenancies.address', kind: 'custom', minWidth: 180, essential: true },
  { key: 'side', labelKey: 'persons.tenancies.side', kind: 'custom', width: 90, essential: true },
  { key: 'otherParty', labelKey: 'persons.tenancies.otherParty', kind: 'custom', minWidth: 100 },
  { key: 'period', labelKey: 'persons.tenancies.period', kind: 'custom', minWidth: 190 },
  { key: 'status', labelKey: 'persons.tenancies.status', kind: 'custom', width: 90, essential: true },
];

/** Joins both lists into rows, newest start date first, and tenancies as tenant before those as landlord on the same date. */
export function personTenancyRowsOf(tenancies: PersonTenancies): PersonTenancyRow[] {
  const rows: PersonTenancyRow[] = [
    ...tenancies.asTenant.map((tenancy) => ({
      key: `tenant-${tenancy.id}`,
      side: 'tenant' as const,
      otherParty: tenancy.landlord,
      tenancy,
    })),
    ...tenancies.asLandlord.map((tenancy) => ({
      key: `landlord-${tenancy.id}`,
      side: 'landlord' as const,
      otherParty: tenancy.tenant,
      tenancy,
    })),
  ];
  // Array.prototype.sort is stable, so rows with the same start date keep the order above.
  return rows.sort((a, b) => b.tenancy.startDate.localeCompare(a.tenancy.startDate));
}
