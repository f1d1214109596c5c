/**
 * Public ids: a type prefix and a ULID (time-ordered, so ids sort by creation), e.g. `usr_01JF3…`.
 * Human document numbers (INV-2026-000123) are a separate thing.
 */
import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

export const ID_PREFIXES = {
  user: 'usr',
  session: 'ses',
  token: 'tok',
  audit: 'aud',
  job: 'job',
  event: 'evt',
  mail: 'msg',
  request: 'req',
  customer: 'cus',
  contact: 'con',
  payment: 'pay',
  allocation: 'alc',
  refund: 'rfd',
  customerCredit: 'ccr',
  writeOff: 'wof',
  charge: 'chg',
  invoice: 'inv',
  credit_note: 'crn',
  invoice_line: 'inl',
  document: 'doc',
  settlement: 'stl',
  product: 'prd',
  warehouse: 'whs',
  stock_movement: 'smv',
  order: 'ord',
  order_line: 'orl',
  carrier: 'car',
  shipment: 'shp',
  shipment_line: 'shl',
  shipment_package: 'pkg',
  tracking_event: 'tev',
  tracking_unmatched: 'tun',
  task: 'tsk',
  task_comment: 'tcm',
  followup_policy: 'fpo',
  followup_step: 'fps',
  followup_action: 'fac',
  followup_pause: 'fpa',
  followup_note: 'fnt',
  promise: 'ptp',
  credit_hold: 'hld',
  dispute: 'dsp',
  dispute_event: 'dse',
  attachment: 'att',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind | (string & {})): string {
  const prefix = (ID_PREFIXES as Record<string, string>)[kind] ?? kind;
  return `${prefix}_${nextUlid().toLowerCase()}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`) && id.length === ID_PREFIXES[kind].length + 27;
}
