/**
 * The shipping module's public surface: shipments (create from an order, pick, pack with SSCCs, ship
 * with stock dispatched and the order updated in one transaction, cancel, replacement reships,
 * invoice from a shipment), their archived documents, and what tracking needs to complete them.
 */
import type { DuelyModule } from '../module.js';
import { delaysRoutes } from './delays/routes.js';
import { delaySchedules, registerDelays } from './delays/wiring.js';
import { seedDemoShipments } from './demo.js';
import { shipmentsRoutes } from './routes.js';
import { carriersAndTrackingRoutes, registerTracking } from './tracking/wiring.js';

// Carriers and tracking (helper B): registry, webhooks, events, unmatched review, customer updates.
export type { Carrier, CreateCarrierInput, UpdateCarrierInput } from './carriers.js';
export {
  carriersPermissions,
  createCarrier,
  getCarrier,
  listCarriers,
  setWebhookSecret,
  updateCarrier,
} from './carriers.js';
export type { DelayEntityType, DelayState } from './delays/rules.js';
export type { DelayStateView } from './delays/service.js';
export { delayStatesOf, evaluateAllDelays, evaluateDelay } from './delays/service.js';
export type { DocumentKind } from './documents-service.js';
export { renderShipmentDocuments, shipmentDocumentContent } from './documents-service.js';
export type { ShipmentStatus } from './lifecycle.js';
export { SHIPMENT_LIFECYCLE, SHIPMENT_STATUSES } from './lifecycle.js';
export { shipmentsPermissions } from './permissions.js';
export type {
  CreateShipmentInput,
  PackShipmentInput,
  ReplacementShipmentInput,
  Shipment,
  ShipmentDocument,
  ShipShipmentInput,
} from './schemas.js';
export { trackingUrl } from './shipment-rules.js';
export { getShipment, listShipments, loadShipment } from './shipments-read.js';
export {
  cancelShipment,
  completeDelivery,
  createReplacementShipment,
  createShipment,
  invoiceShipment,
  markShipmentOutcome,
  packShipment,
  pickShipment,
  shipmentsByTrackingNumbers,
  shipShipment,
} from './shipments-service.js';
export type { IngestResult, TrackingUnmatchedPayload, TrackingUpdatedPayload } from './tracking/ingest.js';
export { ingestTrackingEvents, TRACKING_UNMATCHED, TRACKING_UPDATED } from './tracking/ingest.js';
export { trackingPermissions } from './tracking/permissions.js';
export type { TrackingEventView, TrackingStateView, UnmatchedView } from './tracking/schemas.js';
export { listTrackingEvents, listUnmatched, shipmentTracking, trackingStateOf } from './tracking/service.js';

export const shippingModule: DuelyModule = {
  name: 'shipping',
  routes: (ctx) => async (app) => {
    await shipmentsRoutes(ctx)(app);
    await carriersAndTrackingRoutes(ctx)(app);
    await delaysRoutes(ctx)(app);
  },
  register: (ctx) => {
    registerTracking(ctx);
    registerDelays(ctx);
  },
  schedules: (ctx) => delaySchedules(ctx),
  seedDemo: (ctx, actor, progress) => seedDemoShipments(ctx, actor, progress),
};
