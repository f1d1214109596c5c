import { describe, expect, it } from 'vitest';
import {
  departmentsOfRoles,
  digestSections,
  digestText,
  escalatedPriority,
  isOverdue,
  mayWriteDepartment,
  rankKey,
} from './rules.js';

describe('worklist rules', () => {
  it('orders by priority, then due date (none last), then age', () => {
    const keys = [
      rankKey('low', '2026-12-01', 'tsk_1'),
      rankKey('urgent', null, 'tsk_2'),
      rankKey('high', '2026-12-10', 'tsk_3'),
      rankKey('high', '2026-12-02', 'tsk_5'),
      rankKey('high', '2026-12-02', 'tsk_4'),
      rankKey('normal', null, 'tsk_6'),
      rankKey('normal', '2026-12-31', 'tsk_7'),
    ].sort();
    expect(keys.map((k) => k.split('|')[2])).toEqual([
      'tsk_2',
      'tsk_4',
      'tsk_5',
      'tsk_3',
      'tsk_7',
      'tsk_6',
      'tsk_1',
    ]);
  });

  it('lets the department role or admin write, never the auditor', () => {
    expect(mayWriteDepartment(['logistics'], 'logistics')).toBe(true);
    expect(mayWriteDepartment(['admin'], 'finance')).toBe(true);
    expect(mayWriteDepartment(['support'], 'customer_service')).toBe(true);
    expect(mayWriteDepartment(['finance'], 'logistics')).toBe(false);
    expect(mayWriteDepartment(['auditor'], 'sales')).toBe(false);
    expect(departmentsOfRoles(['support', 'sales', 'auditor'])).toEqual(['sales', 'customer_service']);
    expect(departmentsOfRoles(['admin'])).toEqual([]);
  });

  it('escalation raises a priority a step, at least to high', () => {
    expect(escalatedPriority('low')).toBe('high');
    expect(escalatedPriority('normal')).toBe('high');
    expect(escalatedPriority('high')).toBe('urgent');
    expect(escalatedPriority('urgent')).toBe('urgent');
    expect(isOverdue({ status: 'open', dueDate: '2026-12-03' }, '2026-12-04')).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2026-12-04' }, '2026-12-04')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-12-01' }, '2026-12-04')).toBe(false);
  });

  it('a digest lists what is due today and what slipped, not what is snoozed or later', () => {
    const task = (id: string, dueDate: string | null, snoozedUntil: string | null = null) => ({
      id,
      title: `T ${id}`,
      reason: 'r',
      dueDate,
      priority: 'normal',
      snoozedUntil,
    });
    const sections = digestSections(
      [
        task('a', '2026-12-04'),
        task('b', '2026-12-01'),
        task('c', '2026-11-20'),
        task('d', '2026-12-05'),
        task('e', '2026-12-02', '2026-12-06'),
        task('f', null),
      ],
      '2026-12-04',
    );
    expect(sections.dueToday.map((t) => t.id)).toEqual(['a']);
    expect(sections.overdue.map((t) => t.id)).toEqual(['c', 'b']);
    const mail = digestText('Lena', ['logistics'], '2026-12-04', sections, 'https://duely.example');
    expect(mail.subject).toBe('Duely worklist 2026-12-04: 1 due today, 2 overdue');
    expect(mail.text).toContain('https://duely.example/?task=c');
  });
});
