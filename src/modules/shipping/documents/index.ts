/** Dispatch documents: pick list, packing list, 4x6 shipping label and VICS bill of lading. */
export { renderBillOfLading } from './bill-of-lading.js';
export { DOCUMENT_LANGUAGES, type DocumentLanguage } from './labels.js';
export { formatSscc, renderPackingList } from './packing-list.js';
export { renderPickList, sortPickLines } from './pick-list.js';
export { LABEL_SIZE, renderShippingLabel } from './shipping-label.js';
export * from './view.js';
