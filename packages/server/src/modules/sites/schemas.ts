import { type Static, Type } from 'typebox';
import { JurisdictionCode, NullableTimestamp, Pagination, Timestamp } from '../../http/common-schemas.js';

/** Centralized quarantine site (集中隔离点), resettlement site (集中安置点), transit site (临时分流点). */
export const SITE_TYPES = ['quarantine_site', 'resettlement_site', 'transit_site'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

/**
 * Maximum beds of one room, so that a typo such as 1000 for 10 is rejected.
 * NOTE: a guessed limit, meant to be above any dormitory hall of a transit site.
 */
export const MAX_ROOM_BEDS = 500;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });

const SiteName = Type.String({ minLength: 1, maxLength: 60 });
const SiteAddress = Type.String({ minLength: 1, maxLength: 200 });
const Contact = Type.String({ maxLength: 100 });
const Notes = Type.String({ maxLength: 500 });
const RoomName = Type.String({ minLength: 1, maxLength: 30 });
const Beds = Type.Integer({ minimum: 1, maximum: MAX_ROOM_BEDS });
const Reason = Type.String({ minLength: 1, maxLength: 200 });

export const SiteTypeSchema = Type.Enum(SITE_TYPES);

export const SiteRoom = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  name: Type.String(),
  beds: Type.Integer(),
  occupied: Type.Integer(),
  free: Type.Integer(),
  notes: NullableString,
});

export const Site = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: SiteTypeSchema,
  nodeCode: Type.String(),
  nodeName: Type.String(),
  address: Type.String(),
  contact: NullableString,
  notes: NullableString,
  active: Type.Boolean(),
  roomCount: Type.Integer(),
  /** Sum of the beds of the site's rooms. */
  capacity: Type.Integer(),
  occupied: Type.Integer(),
  free: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const SiteDetail = Type.Intersect([Site, Type.Object({ rooms: Type.Array(SiteRoom) })]);

export const SiteList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(Site),
  /** Beds and open stays of every listed site together, for the occupancy summary. */
  totals: Type.Object({ capacity: Type.Integer(), occupied: Type.Integer() }),
});

export const SiteListQuery = Type.Object({
  /** Limits the list to sites of this jurisdiction's subtree. */
  nodeCode: Type.Optional(JurisdictionCode),
  type: Type.Optional(SiteTypeSchema),
  active: Type.Optional(Type.Boolean()),
  /** Part of the name or address. */
  q: Type.Optional(Type.String({ maxLength: 60 })),
  ...Pagination,
});
export type SiteListFilter = Static<typeof SiteListQuery>;

export const CreateSiteBody = Type.Object({
  name: SiteName,
  type: SiteTypeSchema,
  nodeCode: JurisdictionCode,
  address: SiteAddress,
  contact: Type.Optional(Type.Union([Contact, Type.Null()])),
  notes: Type.Optional(Type.Union([Notes, Type.Null()])),
  active: Type.Optional(Type.Boolean()),
});
export type CreateSiteInput = Static<typeof CreateSiteBody>;

/** An edit: absent fields stay as they are, and null clears the contact or the notes. */
export const UpdateSiteBody = Type.Partial(CreateSiteBody);
export type UpdateSiteInput = Static<typeof UpdateSiteBody>;

export const CreateRoomBody = Type.Object({
  name: RoomName,
  beds: Beds,
  notes: Type.Optional(Type.Union([Notes, Type.Null()])),
});
export type CreateRoomInput = Static<typeof CreateRoomBody>;

export const UpdateRoomBody = Type.Partial(CreateRoomBody);
export type UpdateRoomInput = Static<typeof UpdateRoomBody>;

export const SiteStay = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  documentType: Type.String(),
  documentMasked: Type.String(),
  phoneMasked: NullableString,
  siteId: Type.String(),
  siteName: Type.String(),
  roomId: Type.String(),
  roomName: Type.String(),
  admittedAt: Timestamp,
  admittedByName: NullableString,
  dischargedAt: NullableTimestamp,
  dischargedByName: NullableString,
  dischargeReason: NullableString,
  /** The stay a transfer opened, or null while staying and after a discharge. */
  transferredToStayId: NullableString,
  notes: NullableString,
});

export const SiteStayList = Type.Object({ total: Type.Integer(), items: Type.Array(SiteStay) });

export const STAY_STATUSES = ['current', 'past', 'all'] as const;

export const SiteStayQuery = Type.Object({
  /** current (the default) lists who stays now, past lists closed stays, newest discharge first. */
  status: Type.Optional(Type.Enum(STAY_STATUSES)),
  roomId: Type.Optional(Uuid),
  ...Pagination,
});
export type SiteStayFilter = Static<typeof SiteStayQuery>;

export const AdmitBody = Type.Object({
  personId: Uuid,
  /** The room to admit to. Give siteId instead to let the server pick a room with a free bed. */
  roomId: Type.Optional(Uuid),
  siteId: Type.Optional(Uuid),
  notes: Type.Optional(Type.Union([Notes, Type.Null()])),
});
export type AdmitInput = Static<typeof AdmitBody>;

export const TransferBody = Type.Object({
  /** A room of any site in the caller's scope. */
  roomId: Uuid,
  reason: Type.Optional(Type.Union([Reason, Type.Null()])),
});
export type TransferInput = Static<typeof TransferBody>;

export const DischargeBody = Type.Object({ reason: Reason });
export type DischargeInput = Static<typeof DischargeBody>;

export const TransferResult = Type.Object({ from: SiteStay, to: SiteStay });
