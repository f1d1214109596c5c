/** The one look of Duely documents: sizes and colours shared by invoices, statements and dispatch papers. */
export const COLOR = {
  text: '#1f2933',
  muted: '#6b7280',
  accent: '#1e40af',
  rule: '#d1d5db',
  fill: '#f3f4f6',
} as const;

export const SIZE = {
  title: 20,
  heading: 10,
  body: 8.5,
  small: 7.5,
} as const;
