/**
 * The two rosters offices import, their columns, the header texts each
 * column is known by, and the Chinese labels of the drop-down values.
 */

export const IMPORT_KINDS = ['arrivals', 'rentals'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ARRIVAL_FIELDS = [
  'name',
  'documentType',
  'documentNumber',
  'nationality',
  'phone',
  'originRegion',
  'arrivalDate',
  'travelMode',
  'travelNumber',
  'address',
  'householdRole',
  'notes',
] as const;

export const RENTAL_FIELDS = [
  'address',
  'landlordName',
  'landlordDocumentType',
  'landlordDocumentNumber',
  'landlordPhone',
  'tenantName',
  'tenantDocumentType',
  'tenantDocumentNumber',
  'tenantPhone',
  'startDate',
  'endDate',
  'notes',
] as const;

export type ArrivalField = (typeof ARRIVAL_FIELDS)[number];
export type RentalField = (typeof RENTAL_FIELDS)[number];
export type ImportField = ArrivalField | RentalField;

/** Fields whose values are document numbers or phone numbers, masked wherever a value is shown. */
export const DOCUMENT_FIELDS: ReadonlySet<string> = new Set(['documentNumber', 'landlordDocumentNumber', 'tenantDocumentNumber']);
export const PHONE_FIELDS: ReadonlySet<string> = new Set(['phone', 'landlordPhone', 'tenantPhone']);

export interface ColumnSpec {
  field: ImportField;
  /** Header of the template. */
  header: string;
  /** Other headers offices use for the column, compared after normalizeHeader. */
  synonyms: string[];
  required: boolean;
  /** Column width in the template, in characters. */
  width: number;
}

export const ARRIVAL_COLUMNS: ColumnSpec[] = [
  { field: 'name', header: '姓名', synonyms: ['名字', '人员姓名', '返苏人员姓名', 'name'], required: true, width: 12 },
  { field: 'documentType', header: '证件类型', synonyms: ['证件种类', '证件名称', 'document type'], required: false, width: 22 },
  {
    field: 'documentNumber',
    header: '证件号码',
    synonyms: [
      '身份证号',
      '身份证号码',
      '公民身份号码',
      '证件号',
      '身份证',
      '身份证件号码',
      '证件号码身份证号',
      'id number',
      'id no',
      'document number',
    ],
    required: true,
    width: 22,
  },
  { field: 'nationality', header: '国籍', synonyms: ['国籍代码', 'nationality'], required: false, width: 8 },
  {
    field: 'phone',
    header: '联系电话',
    synonyms: ['手机', '手机号', '手机号码', '电话', '电话号码', '联系方式', '联系手机', 'phone', 'mobile'],
    required: false,
    width: 15,
  },
  {
    field: 'originRegion',
    header: '来源地',
    synonyms: ['从何地来', '出发地', '来源地区', '来自何地', '来自', '从何地返苏', '返苏前所在地', 'origin'],
    required: false,
    width: 18,
  },
  {
    field: 'arrivalDate',
    header: '返苏日期',
    synonyms: ['到达日期', '抵苏时间', '抵苏日期', '返苏时间', '来苏日期', '来苏时间', '抵达日期', '到达时间', '返回日期', 'arrival date'],
    required: false,
    width: 12,
  },
  { field: 'travelMode', header: '交通方式', synonyms: ['出行方式', '返苏方式', '交通工具', 'travel mode'], required: false, width: 10 },
  {
    field: 'travelNumber',
    header: '车次/航班号/车牌号',
    synonyms: ['车次', '航班号', '车牌号', '车次航班号', '车次航班', '航班车次', '车次/航班', '车牌', '班次', 'travel number'],
    required: false,
    width: 18,
  },
  {
    field: 'address',
    header: '现住址',
    synonyms: ['住址', '居住地址', '房号', '详细地址', '在苏住址', '在苏居住地址', '居住地', '地址', '门牌号', 'address'],
    required: false,
    width: 22,
  },
  {
    field: 'householdRole',
    header: '户内身份',
    synonyms: ['与户主关系', '人员类型', '居住类型', '身份', '户籍类型', '人员身份', 'household role'],
    required: false,
    width: 10,
  },
  { field: 'notes', header: '备注', synonyms: ['说明', '其他情况', 'notes', 'remark'], required: false, width: 20 },
];

export const RENTAL_COLUMNS: ColumnSpec[] = [
  {
    field: 'address',
    header: '房屋地址',
    synonyms: ['出租房屋地址', '出租房地址', '地址', '房号', '住址', '房屋坐落', '详细地址', 'address'],
    required: true,
    width: 22,
  },
  {
    field: 'landlordName',
    header: '房东姓名',
    synonyms: ['房主姓名', '出租人', '出租人姓名', '房东', '业主姓名'],
    required: true,
    width: 12,
  },
  { field: 'landlordDocumentType', header: '房东证件类型', synonyms: ['出租人证件类型', '业主证件类型'], required: false, width: 22 },
  {
    field: 'landlordDocumentNumber',
    header: '房东证件号码',
    synonyms: ['房东身份证号', '房东身份证号码', '出租人身份证号', '出租人证件号码', '房主身份证号', '业主身份证号', '房东证件号'],
    required: true,
    width: 22,
  },
  {
    field: 'landlordPhone',
    header: '房东电话',
    synonyms: ['房东手机', '房东联系电话', '房东手机号', '出租人电话', '出租人联系电话', '房主电话', '业主电话'],
    required: false,
    width: 15,
  },
  { field: 'tenantName', header: '租户姓名', synonyms: ['承租人', '承租人姓名', '租客姓名', '租户', '租客'], required: true, width: 12 },
  { field: 'tenantDocumentType', header: '租户证件类型', synonyms: ['承租人证件类型', '租客证件类型'], required: false, width: 22 },
  {
    field: 'tenantDocumentNumber',
    header: '租户证件号码',
    synonyms: ['租户身份证号', '租户身份证号码', '承租人身份证号', '承租人证件号码', '租客身份证号', '租户证件号'],
    required: true,
    width: 22,
  },
  {
    field: 'tenantPhone',
    header: '租户电话',
    synonyms: ['租户手机', '租户联系电话', '租户手机号', '承租人电话', '承租人联系电话', '租客电话'],
    required: false,
    width: 15,
  },
  {
    field: 'startDate',
    header: '起租日期',
    synonyms: ['租赁开始日期', '租期开始', '租期起', '入住日期', '租赁起始日期', '起租时间', '开始日期'],
    required: true,
    width: 12,
  },
  {
    field: 'endDate',
    header: '到期日期',
    synonyms: ['租赁结束日期', '租期结束', '租期止', '退租日期', '租赁截止日期', '到期时间', '结束日期'],
    required: false,
    width: 12,
  },
  { field: 'notes', header: '备注', synonyms: ['说明', '其他情况', 'notes', 'remark'], required: false, width: 20 },
];

export function columnsOfKind(kind: ImportKind): ColumnSpec[] {
  return kind === 'arrivals' ? ARRIVAL_COLUMNS : RENTAL_COLUMNS;
}

/** Drop-down labels of the document types, in the order of the template's list. */
export const DOCUMENT_TYPE_LABELS: Record<string, string> = {
  居民身份证: 'resident_id',
  港澳台居民居住证: 'hk_mo_tw_residence_permit',
  外国人永久居留身份证: 'foreign_permanent_residence_card',
  港澳居民来往内地通行证: 'mainland_travel_permit_hk_mo',
  台湾居民来往大陆通行证: 'mainland_travel_permit_tw',
  护照: 'passport',
};

/** Labels of the travel modes: the template's drop-down values first, then other words offices write. */
export const TRAVEL_MODE_LABELS: Record<string, string> = {
  火车: 'train',
  飞机: 'flight',
  自驾: 'car',
  大巴: 'bus',
  其他: 'other',
  高铁: 'train',
  动车: 'train',
  航班: 'flight',
  汽车: 'car',
  私家车: 'car',
  自驾车: 'car',
  客车: 'bus',
  长途汽车: 'bus',
  长途客车: 'bus',
  其它: 'other',
};

/** Labels of the household roles: the template's drop-down values first, then other words offices write. */
export const HOUSEHOLD_ROLE_LABELS: Record<string, string> = {
  户主: 'owner',
  家属: 'family',
  租户: 'tenant',
  员工: 'employee',
  业主: 'owner',
  房主: 'owner',
  本人: 'owner',
  家庭成员: 'family',
  同住人: 'family',
  租客: 'tenant',
  承租人: 'tenant',
  雇员: 'employee',
};

/** Returns the first `count` labels of a label table: the values offered in the template's drop-down list. */
export function dropDownLabels(labels: Record<string, string>, count: number): string[] {
  return Object.keys(labels).slice(0, count);
}
