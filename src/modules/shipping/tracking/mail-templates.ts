/**
 * The customer update emails of a shipment, per language (English and French). Pure.
 *
 * One template per kind of update: `shipped` (with every tracking number and, when the carrier has a
 * tracking URL template, its link), `out_for_delivery`, `delivered`, `attempt_fail` and `exception`
 * (with the carrier's reason when it gave one). A customer whose language is French (`fr`, `fr-BE`…)
 * gets French; everyone else English.
 */

export const UPDATE_KINDS = [
  'shipped',
  'out_for_delivery',
  'delivered',
  'attempt_fail',
  'exception',
] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export type MailLanguage = 'en' | 'fr';

export const mailLanguageOf = (language: string | null | undefined): MailLanguage =>
  language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';

export interface TrackingMailInput {
  kind: UpdateKind;
  shipmentNumber: string;
  customerName: string;
  companyName: string;
  carrierName: string | null;
  trackingNumbers: readonly { number: string; url: string | null }[];
  /** The carrier's expected delivery (date or instant), if known. */
  eta: string | null;
  /** The carrier's reason or message, for attempts and exceptions. */
  reason: string | null;
  /** The carrier's event time (UTC ISO); null for `shipped`. */
  occurredAt: string | null;
}

/** The URL of a tracking number from a carrier's template (`…{trackingNumber}…`), or null. */
export function trackingUrl(template: string | null | undefined, trackingNumber: string): string | null {
  if (!template?.includes('{trackingNumber}')) return null;
  return template.replaceAll('{trackingNumber}', encodeURIComponent(trackingNumber));
}

const dateOf = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null);

function trackingLines(language: MailLanguage, input: TrackingMailInput): string[] {
  if (input.trackingNumbers.length === 0) return [];
  const label = language === 'fr' ? 'Numéro de suivi' : 'Tracking number';
  const sep = language === 'fr' ? ' : ' : ': ';
  return input.trackingNumbers.map((t) => `${label}${sep}${t.number}${t.url ? ` — ${t.url}` : ''}`);
}

export function trackingMail(
  language: MailLanguage,
  input: TrackingMailInput,
): { subject: string; text: string } {
  const fr = language === 'fr';
  const n = input.shipmentNumber;
  const carrier = input.carrierName;
  const eta = dateOf(input.eta);
  const when = dateOf(input.occurredAt);
  const tracking = trackingLines(language, input);
  let subject: string;
  let body: string[];
  switch (input.kind) {
    case 'shipped':
      subject = fr ? `Votre envoi ${n} est parti` : `Your shipment ${n} is on its way`;
      body = [
        fr
          ? `Votre envoi ${n} a été expédié${carrier ? ` avec ${carrier}` : ''}.`
          : `Your shipment ${n} has been shipped${carrier ? ` with ${carrier}` : ''}.`,
        ...(eta ? [fr ? `Livraison prévue le ${eta}.` : `Expected delivery: ${eta}.`] : []),
        ...(tracking.length > 0 ? ['', ...tracking] : []),
      ];
      break;
    case 'out_for_delivery':
      subject = fr ? `Votre envoi ${n} est en cours de livraison` : `Your shipment ${n} is out for delivery`;
      body = [
        fr
          ? `Votre envoi ${n} est en cours de livraison et devrait vous parvenir aujourd'hui.`
          : `Your shipment ${n} is out for delivery and should reach you today.`,
        ...(tracking.length > 0 ? ['', ...tracking] : []),
      ];
      break;
    case 'delivered':
      subject = fr ? `Votre envoi ${n} a été livré` : `Your shipment ${n} has been delivered`;
      body = [
        fr
          ? `Votre envoi ${n} a été livré${when ? ` le ${when}` : ''}.`
          : `Your shipment ${n} was delivered${when ? ` on ${when}` : ''}.`,
        '',
        fr
          ? "Si vous ne l'avez pas reçu, répondez à ce message et nous nous en occupons."
          : 'If you have not received it, reply to this message and we will look into it.',
      ];
      break;
    case 'attempt_fail':
      subject = fr
        ? `Livraison de votre envoi ${n} : tentative manquée`
        : `Delivery attempt failed for your shipment ${n}`;
      body = [
        fr
          ? `${carrier ?? 'Le transporteur'} n'a pas pu livrer votre envoi ${n}${when ? ` le ${when}` : ''}.`
          : `${carrier ?? 'The carrier'} could not deliver your shipment ${n}${when ? ` on ${when}` : ''}.`,
        ...(input.reason ? [fr ? `Motif : ${input.reason}` : `Reason: ${input.reason}`] : []),
        '',
        fr
          ? 'Une nouvelle tentative est généralement faite le jour ouvré suivant.'
          : 'The carrier usually tries again on the next working day.',
        ...(tracking.length > 0 ? ['', ...tracking] : []),
      ];
      break;
    case 'exception':
      subject = fr ? `Un incident retarde votre envoi ${n}` : `A problem with your shipment ${n}`;
      body = [
        fr
          ? `${carrier ?? 'Le transporteur'} signale un incident sur votre envoi ${n}${when ? ` le ${when}` : ''}.`
          : `${carrier ?? 'The carrier'} reports a problem with your shipment ${n}${when ? ` on ${when}` : ''}.`,
        ...(input.reason ? [fr ? `Détail : ${input.reason}` : `Details: ${input.reason}`] : []),
        '',
        fr
          ? 'Nous suivons la situation et revenons vers vous.'
          : 'We are following it up and will get back to you.',
        ...(tracking.length > 0 ? ['', ...tracking] : []),
      ];
      break;
  }
  const text = [
    fr ? `Bonjour ${input.customerName},` : `Hello ${input.customerName},`,
    '',
    ...body,
    '',
    fr ? 'Cordialement,' : 'Kind regards,',
    input.companyName,
  ].join('\n');
  return { subject, text };
}

/** The mail kind for a customer update key (tracking-status.ts `customerUpdateKey`), or null: not mailed. */
export function updateKindOfKey(key: string): UpdateKind | null {
  if (key === 'shipped' || key === 'out_for_delivery' || key === 'delivered') return key;
  if (key.startsWith('attempt_fail:')) return 'attempt_fail';
  if (key.startsWith('exception:')) return 'exception';
  // `in_transit` ("on its way") is what the `shipped` mail already said: recorded, not mailed.
  return null;
}
