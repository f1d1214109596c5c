import type { AgingBucket, AgingCustomer } from '../../api/types.js';
import { currencyExponent } from '../../lib/money.js';

const COLORS = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'gray.5'];
const TOP = 5;

/**
 * The stacked bar chart's data: one bar per bucket, stacked by customer (the largest five by total,
 * then "Other customers"), in major units of `currency` (display only; the table shows exact amounts).
 */
export function agingChartData(buckets: AgingBucket[], customers: AgingCustomer[], currency: string) {
  const rows = customers.filter((c) => c.currency === currency).sort((a, b) => b.total - a.total);
  const top = rows.slice(0, TOP);
  const rest = rows.slice(TOP);
  const scale = 10 ** currencyExponent(currency);
  const series = top.map((c, i) => ({
    name: `c${i}`,
    label: c.customerName ?? c.customerCode ?? c.customerId,
    color: COLORS[i] ?? 'gray.5',
  }));
  if (rest.length > 0)
    series.push({ name: 'other', label: `${rest.length} other customers`, color: 'gray.5' });
  const data = buckets.map((bucket, b) => {
    const point: Record<string, string | number> = { bucket: bucket.label };
    top.forEach((c, i) => {
      point[`c${i}`] = (c.buckets[b] ?? 0) / scale;
    });
    if (rest.length > 0) point.other = rest.reduce((sum, c) => sum + (c.buckets[b] ?? 0), 0) / scale;
    return point;
  });
  return { data, series };
}
